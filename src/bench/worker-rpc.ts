type Handler = (payload: any) => unknown;

/**
 * The worker side of process-pool.ts: answers each IPC request with its handler's result. A
 * worker dies with its parent (IPC disconnect), so no benchmark client outlives the run.
 */
export function serveRpc(handlers: Record<string, Handler>): void {
  process.on('message', async (message: { id: number; type: string; payload: unknown }) => {
    const handler = handlers[message.type];
    try {
      if (!handler) throw new Error(`unknown request ${message.type}`);
      const result = await handler(message.payload);
      process.send?.({ id: message.id, ok: true, result });
    } catch (error) {
      process.send?.({ id: message.id, ok: false, error: error instanceof Error ? error.stack ?? error.message : String(error) });
    }
  });
  process.once('disconnect', () => process.exit(0));
}
