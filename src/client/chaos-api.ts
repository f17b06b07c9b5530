import type { FaultRequest, FaultView } from '../protocol/chaos.js';
import type { HttpClient } from './http-client.js';
import { pathId } from './path-ids.js';

/** The chaos part of the HTTP API (superadmin only): `rtc chaos` and the drill use it. */
export class ChaosApi {
  constructor(private readonly http: HttpClient) {}

  inject(request: FaultRequest) {
    return this.http.request<{ fault: FaultView }>('POST', '/api/chaos/faults', request);
  }
  list() {
    return this.http.request<{ faults: FaultView[] }>('GET', '/api/chaos/faults');
  }
  heal(id: string) {
    return this.http.request<{ fault: FaultView }>('DELETE', `/api/chaos/faults/${pathId(id, 'fault id')}`);
  }
  healAll() {
    return this.http.request<{ healed: FaultView[] }>('DELETE', '/api/chaos/faults');
  }
}
