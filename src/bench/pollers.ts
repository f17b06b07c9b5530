import { Agent, request } from 'node:http';

function getOnce(agent: Agent, url: string, token: string | undefined): Promise<void> {
  return new Promise((resolve, reject) => {
    const req = request(url, { agent, headers: token ? { authorization: `Bearer ${token}` } : {} }, (res) => {
      res.resume();
      res.on('end', () => (res.statusCode === 200 ? resolve() : reject(new Error(`HTTP ${res.statusCode}`))));
    });
    req.on('error', reject);
    req.end();
  });
}

/**
 * HTTP pollers as a browser app would poll: keep-alive, one GET per client every interval, each
 * client starting at a random point of the interval so that the requests spread out.
 */
export class Pollers {
  private timers: NodeJS.Timeout[] = [];
  private agent: Agent | undefined;
  polls = 0;
  pollErrors = 0;

  start({ urls, token, intervalMs }: { urls: string[]; token?: string; intervalMs: number }): { polling: number } {
    const agent = (this.agent = new Agent({ keepAlive: true, maxSockets: urls.length }));
    for (const url of urls) {
      const tick = async () => {
        try {
          await getOnce(agent, url, token);
        } catch {
          // A keep-alive socket the server closed as we sent: ask again at once on a new one, as a browser would.
          await getOnce(agent, url, token).catch(() => this.pollErrors++);
        }
        this.polls++;
      };
      this.timers.push(
        setTimeout(() => {
          void tick();
          this.timers.push(setInterval(() => void tick(), intervalMs));
        }, Math.random() * intervalMs),
      );
    }
    return { polling: urls.length };
  }

  stop(): { polls: number; pollErrors: number } {
    for (const timer of this.timers) clearTimeout(timer);
    this.timers = [];
    this.agent?.destroy();
    this.agent = undefined;
    return { polls: this.polls, pollErrors: this.pollErrors };
  }
}
