import { useApi } from '@backstage/frontend-plugin-api';
import {
  MAX_LIST_LIMIT,
  type IotInstanceEvent,
  type IotInstanceItem,
} from '@internal/backstage-plugin-iot-common';
import { useCallback, useEffect, useRef, useState } from 'react';
import { iotApiRef } from '../../api';
import { isActive } from './instanceState';

export type InstanceProgressState = {
  instance?: IotInstanceItem;
  /** Every log line so far, oldest first. */
  events: IotInstanceEvent[];
  error?: unknown;
  /** Polls again, e.g. once the instance was asked to uninstall, or after an error. */
  refresh: () => void;
};

type Loaded = {
  instanceId: string;
  instance?: IotInstanceItem;
  events: IotInstanceEvent[];
  error?: unknown;
};

/**
 * An instance and its whole log, polled every `pollMs` while the engine
 * works on it (pending, installing, uninstalling) and not after: the
 * instance first, then the log lines after the last one seen, so that the
 * answer that shows it finished is followed by its last lines.
 */
export function useInstanceProgress(
  instanceId: string | undefined,
  pollMs = 1000,
): InstanceProgressState {
  const iotApi = useApi(iotApiRef);
  const [loaded, setLoaded] = useState<Loaded>();
  const [generation, setGeneration] = useState(0);
  // The log kept across polls (and refreshes) of one instance.
  const log = useRef<{ instanceId?: string; events: IotInstanceEvent[] }>({
    events: [],
  });

  useEffect(() => {
    if (!instanceId) return undefined;
    if (log.current.instanceId !== instanceId) {
      log.current = { instanceId, events: [] };
    }
    let cancelled = false;
    let timer: ReturnType<typeof setTimeout> | undefined;

    const poll = async () => {
      try {
        const instance = await iotApi.getInstance(instanceId);
        const fresh: IotInstanceEvent[] = [];
        let after = log.current.events.at(-1)?.id ?? 0;
        for (;;) {
          const page = await iotApi.listInstanceEvents(instanceId, {
            after,
            limit: MAX_LIST_LIMIT,
          });
          fresh.push(...page.items);
          if (!page.nextCursor || page.items.length === 0) break;
          after = page.items[page.items.length - 1].id;
        }
        if (cancelled) return;
        if (fresh.length > 0) {
          log.current = {
            instanceId,
            events: [...log.current.events, ...fresh],
          };
        }
        setLoaded({ instanceId, instance, events: log.current.events });
        if (isActive(instance)) {
          timer = setTimeout(poll, pollMs);
        }
      } catch (error) {
        if (!cancelled) {
          setLoaded(previous => ({
            instanceId,
            instance:
              previous?.instanceId === instanceId
                ? previous.instance
                : undefined,
            events: log.current.events,
            error,
          }));
        }
      }
    };
    poll();
    return () => {
      cancelled = true;
      clearTimeout(timer);
    };
  }, [iotApi, instanceId, pollMs, generation]);

  const refresh = useCallback(() => setGeneration(g => g + 1), []);
  const current = loaded?.instanceId === instanceId ? loaded : undefined;
  return {
    instance: current?.instance,
    events: current?.events ?? [],
    error: current?.error,
    refresh,
  };
}
