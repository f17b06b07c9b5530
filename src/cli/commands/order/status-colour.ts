import chalk from 'chalk';
import type { Status } from '../../../protocol/status.js';

const STATUS_COLOUR: Record<Status, (text: string) => string> = {
  Pending: chalk.yellow,
  Confirmed: chalk.cyan,
  Preparing: chalk.blue,
  'Out for Delivery': chalk.magenta,
  Delivered: chalk.green,
  Cancelled: chalk.red,
};

/** A status in its colour on the board (kept apart from the tables so that advance and cancel load less). */
export const colourStatus = (status: Status): string => STATUS_COLOUR[status](status);
