import {
  IotInstanceEvent,
  IotInstanceItem,
} from '@internal/backstage-plugin-iot-common';
import http from 'node:http';
import { AddressInfo } from 'node:net';

type FakeInstance = {
  item: IotInstanceItem;
  /** Statuses the instance goes through, one per GET. */
  script: Array<Partial<IotInstanceItem>>;
  events: IotInstanceEvent[];
};

/**
 * The iot backend's deployment routes on a local port, answering from
 * memory: an instance goes through `script` one GET at a time. Records
 * every request with its Authorization header.
 */
export async function startFakeIotBackend() {
  const instances = new Map<string, FakeInstance>();
  const requests: Array<{
    method: string;
    path: string;
    authorization?: string;
  }> = [];
  let next = 0;

  const scripts: Record<string, Array<Partial<IotInstanceItem>>> = {
    'smart-parking-standard': [
      { status: 'installing' },
      {
        status: 'running',
        outputs: { accessAddress: 'http://198.18.7.9', account: 'admin' },
      },
    ],
    'broken-spec': [
      { status: 'installing', operation: 'rollback' },
      {
        status: 'failed',
        error: {
          nodeId: 'db',
          message: "Relational database 'db' failed: quota reached",
        },
      },
    ],
  };

  const server = http.createServer((req, res) => {
    const url = new URL(req.url!, 'http://localhost');
    requests.push({
      method: req.method!,
      path: url.pathname + url.search,
      authorization: req.headers.authorization,
    });
    const send = (status: number, body: unknown) => {
      res.writeHead(status, { 'Content-Type': 'application/json' });
      res.end(JSON.stringify(body));
    };
    const notFound = () =>
      send(404, {
        error: { name: 'NotFoundError', message: 'no such thing' },
        response: { statusCode: 404 },
      });

    const start = /^\/api\/iot\/specs\/([^/]+)\/deployment-tests$/.exec(
      url.pathname,
    );
    if (start && req.method === 'POST') {
      const script = scripts[start[1]];
      if (!script) {
        notFound();
        return;
      }
      const id = `inst-${String(++next).padStart(20, '0')}`;
      instances.set(id, {
        item: {
          id,
          specId: start[1],
          kind: 'test',
          status: 'pending',
          operation: 'install',
          owner: 'group:default/isv-acme',
          createdBy: 'user:default/mock',
          error: null,
          installResult: null,
          installFinishedAt: null,
          createdAt: new Date().toISOString(),
          updatedAt: new Date().toISOString(),
          resources: [],
          outputs: null,
          events: [],
        },
        script: [...script],
        events: [
          {
            id: 1,
            at: new Date().toISOString(),
            level: 'info',
            nodeId: null,
            message: 'install started',
          },
          {
            id: 2,
            at: new Date().toISOString(),
            level: 'info',
            nodeId: 'vpc',
            message: "VPC 'vpc': created in 0.1 s",
          },
        ],
      });
      send(202, { instanceId: id });
      return;
    }
    const path = /^\/api\/iot\/instances\/([^/]+)(\/events)?$/.exec(
      url.pathname,
    );
    const instance = path && instances.get(path[1]);
    if (!instance) {
      notFound();
      return;
    }
    if (path![2]) {
      const after = Number(url.searchParams.get('after') ?? 0);
      send(200, {
        items: instance.events.filter(event => event.id > after),
        nextCursor: null,
      });
      return;
    }
    if (req.method === 'DELETE') {
      if (instance.item.status !== 'deleted') {
        instance.item.status = 'uninstalling';
        instance.script = [{ status: 'uninstalling' }, { status: 'deleted' }];
      }
      send(202, instance.item);
      return;
    }
    const step = instance.script.shift();
    if (step) {
      Object.assign(instance.item, step);
    }
    send(200, instance.item);
  });
  await new Promise<void>(resolve => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as AddressInfo;

  return {
    baseUrl: `http://127.0.0.1:${port}/api/iot`,
    requests,
    instances,
    stop: () => new Promise<void>(resolve => server.close(() => resolve())),
  };
}
