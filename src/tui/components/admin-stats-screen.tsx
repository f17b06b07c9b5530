import { Box, Text, useApp } from 'ink';
import { useCallback } from 'react';
import type { RtcError } from '../../protocol/errors.js';
import type { SystemStats } from '../../protocol/events.js';
import { useClientState } from '../hooks/use-client-state.js';
import { useNotices } from '../hooks/use-notices.js';
import { useQuitKeys } from '../hooks/use-quit-keys.js';
import { useStatsHistory } from '../hooks/use-stats-history.js';
import { useTerminalSize } from '../hooks/use-terminal-size.js';
import type { WatchLink } from '../kitchen-link.js';
import { formatAge } from '../model/age.js';
import { sparkline } from '../model/sparkline.js';
import { ConnectionBadge } from './connection-badge.js';
import { inertText } from '../../protocol/inert-text.js';
import { fitToWidth } from '../model/display-width.js';
import { paint } from '../model/palette.js';
import { KeyFooter } from './key-footer.js';

const mb = (bytes: number) => `${Math.round(bytes / 1024 / 1024)} MB`;

/** With a cluster: the figures above are sums; a row per live node says who carries what. */
function NodeRows({ stats }: { stats: SystemStats }) {
  return (
    <>
      <Text> </Text>
      <Text bold>
        {stats.nodes.length} nodes <Text dimColor>(figures above: their sums)</Text>
      </Text>
      <Text dimColor wrap="truncate">
        {'node'.padEnd(24)} {'conns'.padStart(6)} {'rooms'.padStart(6)} {'ev/s'.padStart(7)} {'lag'.padStart(4)} {'rss'.padStart(7)}
      </Text>
      {stats.nodes.map((node) => (
        <Text key={node.node} wrap="truncate" bold={node.node === stats.node}>
          {(node.node === stats.node ? `${node.node} *` : node.node).padEnd(24)} {String(node.connections).padStart(6)}{' '}
          {String(node.rooms).padStart(6)} {String(node.eventsPerSecond).padStart(7)} {String(node.laggingSockets).padStart(4)}{' '}
          {mb(node.memory.rss).padStart(7)}
        </Text>
      ))}
    </>
  );
}

/** `rtc watch --admin`: the server's live figures from system_stats_changed (a cluster's sums, and a row per node). */
export function AdminStatsScreen({ link, user }: { link: WatchLink; user: string }) {
  const { exit } = useApp();
  const state = useClientState(link);
  const { latest, eventsPerSecond } = useStatsHistory(link);
  const { columns: width } = useTerminalSize();
  useQuitKeys();
  // Only a superadmin may join admin_global: a refusal ends the screen with the reason.
  const onNotice = useCallback((notice: RtcError) => notice.code === 'FORBIDDEN' && exit(notice), [exit]);
  useNotices(link, onNotice);

  const restaurants = Object.entries(latest?.openOrdersByRestaurant ?? {}).sort((a, b) => b[1] - a[1]);
  const most = Math.max(1, ...restaurants.map(([, count]) => count));
  const barWidth = Math.max(10, Math.min(50, width - 20));
  return (
    <Box flexDirection="column" width={width}>
      <Box justifyContent="space-between">
        <Text bold color={paint('cyan')}>
          rtc system <Text dimColor>· {inertText(user)}</Text>
        </Text>
        <Box marginLeft={1}>
          <ConnectionBadge state={state} />
        </Box>
      </Box>
      {latest ? (
        <>
          <Text wrap="truncate">
            connections <Text bold>{latest.connections}</Text>   rooms <Text bold>{latest.rooms}</Text>   lagging sockets{' '}
            <Text bold color={paint(latest.laggingSockets > 0 ? 'red' : 'green')}>
              {latest.laggingSockets}
            </Text>
          </Text>
          <Text wrap="truncate">
            memory rss <Text bold>{mb(latest.memory.rss)}</Text>  heap <Text bold>{mb(latest.memory.heapUsed)}</Text>   uptime{' '}
            {formatAge(latest.uptimeSeconds * 1000)}   connected to <Text bold>{latest.node}</Text>
          </Text>
          {latest.nodes && latest.nodes.length > 1 ? <NodeRows stats={latest} /> : null}
          <Text> </Text>
          <Text wrap="truncate">
            events/s <Text bold>{String(latest.eventsPerSecond).padStart(5)}</Text>{' '}
            <Text color={paint('green')}>{sparkline(eventsPerSecond, Math.max(10, width - 17))}</Text>
          </Text>
          <Text> </Text>
          <Text bold>Open orders per restaurant</Text>
          {restaurants.length === 0 ? <Text dimColor>none open</Text> : null}
          {restaurants.map(([restaurantId, count]) => (
            <Text key={restaurantId} wrap="truncate">
              {fitToWidth(inertText(restaurantId), 10)} {String(count).padStart(5)} <Text color={paint('cyan')}>{'█'.repeat(Math.max(count > 0 ? 1 : 0, Math.round((count / most) * barWidth)))}</Text>
            </Text>
          ))}
        </>
      ) : (
        <Text dimColor>waiting for the first system_stats_changed (sent at most once a second)…</Text>
      )}
      <Text> </Text>
      <KeyFooter hints={[{ keys: 'q', what: 'quit' }]} />
    </Box>
  );
}
