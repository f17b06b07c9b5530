export * from './status.js';
export * from './errors.js';
export * from './rooms.js';
export * from './model.js';
export * from './schemas.js';
export * from './events.js';
export * from './deflated.js';
export * from './order-commands.js';
