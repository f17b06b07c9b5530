/**
 * The sizes of each scenario. Full is what the issue specifies; quick keeps every scenario and
 * both sides of each comparison, smaller, to finish in about 90 s while developing.
 */
export const FULL = {
  fanout: { watchers: 1000, rooms: 1, plan: { events: 200, stepsPerOrder: 5, ratePerSecond: 50 } },
  // Two events per order (created, confirmed), orders round-robin: every room sees traffic.
  fanoutRooms: { watchers: 1000, rooms: 100, plan: { events: 200, stepsPerOrder: 2, ratePerSecond: 50 } },
  // 10 watchers a room, 100 events a second spread over the rooms (each room sees two), 1,250 watchers a client process.
  fanout10k: { watchers: 10000, rooms: 1000, perProcess: 1250, plan: { events: 2000, stepsPerOrder: 2, ratePerSecond: 100 } },
  throughput: { operators: 50, seconds: 10, ordersPerOperator: 1000 },
  memory: { counts: [1000, 5000, 10000] },
  pushVsPoll: { clients: 1000, seconds: 60 },
  replay: { events: 10000, runs: 3 },
  cliStart: { runs: 20 },
  boardRender: { seconds: 10 },
};

export const QUICK = {
  fanout: { watchers: 250, rooms: 1, plan: { events: 100, stepsPerOrder: 5, ratePerSecond: 50 } },
  fanoutRooms: { watchers: 200, rooms: 20, plan: { events: 100, stepsPerOrder: 2, ratePerSecond: 50 } },
  fanout10k: { watchers: 2000, rooms: 200, perProcess: 1000, plan: { events: 400, stepsPerOrder: 2, ratePerSecond: 100 } },
  throughput: { operators: 50, seconds: 3, ordersPerOperator: 400 },
  memory: { counts: [300, 600] },
  pushVsPoll: { clients: 150, seconds: 4 },
  replay: { events: 10000, runs: 1 },
  cliStart: { runs: 6 },
  boardRender: { seconds: 2 },
};
