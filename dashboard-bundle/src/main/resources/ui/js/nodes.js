// Nodes view (cluster mode): every node as the shared database records it (state, bots held,
// maxBots, version, heartbeat) and, for an admin, Drain behind a confirmation naming the node.
// Nodes change without a stream event: the view reads them every POLL_MS while it is shown.
import { api, seg } from './api.js';
import { confirmAction } from './confirm.js';
import { h, rows, setText, table } from './dom.js';
import * as format from './format.js';
import { notify, notifyError } from './notice.js';
import { session } from './session.js';

const POLL_MS = 3000;
const COLUMNS = ['Node', 'State', 'Bots held', 'Max bots', 'Version', 'Heartbeat', 'URL', ''];

export function mount(main) {
  const { table: list, tbody } = table('Nodes of the cluster', COLUMNS, { id: 'nodes' });
  const summary = h('p', { id: 'nodes-summary', role: 'status' });
  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Nodes'), summary, list);
  const admin = session.may('admin');
  let stopped = false;

  function drainButton(node) {
    if (node.state !== 'ACTIVE') return '';
    return h('button', {
      type: 'button', class: 'drain', disabled: !admin, dataset: { node: node.id },
      'aria-label': `Drain node ${node.id}`, title: admin ? null : 'Draining needs an admin token',
    }, 'Drain');
  }

  const cells = (n) => [n.id, n.state, String(n.botsHeld), format.text(n.maxBots), n.version,
    format.time(n.heartbeat), format.text(n.url)];
  // The rows (and their Drain buttons) are rebuilt only when the nodes or their states change;
  // a heartbeat only rewrites the cells' text, so a poll never replaces a button under a pointer.
  let shownNodes = '';

  function show(nodes) {
    const shape = JSON.stringify(nodes.map((n) => [n.id, n.state]));
    if (shape !== shownNodes || nodes.length === 0) {
      shownNodes = shape;
      rows(tbody, nodes, (n) => [...cells(n), drainButton(n)], COLUMNS.length, 'No node.');
      for (const [i, tr] of [...tbody.rows].entries()) {
        tr.dataset.node = nodes[i].id;
        tr.cells[1].dataset.state = nodes[i].state;
      }
      return;
    }
    for (const [i, tr] of [...tbody.rows].entries()) {
      cells(nodes[i]).forEach((text, c) => setText(tr.cells[c], text));
    }
  }

  async function load() {
    const cluster = await api.get('/v1/cluster/nodes');
    if (stopped) return;
    if (!cluster.enabled) {
      setText(summary, 'Cluster mode is off: this server runs the whole fleet alone.');
      rows(tbody, [], () => [], COLUMNS.length, 'No cluster.');
      shownNodes = '';
    } else {
      const active = cluster.nodes.filter((n) => n.state === 'ACTIVE').length;
      setText(summary, `${cluster.nodes.length} nodes, ${active} active; this page is served by ${cluster.node}.`);
      show(cluster.nodes);
    }
    main.dataset.loaded = 'true';
  }

  tbody.addEventListener('click', async (event) => {
    const button = event.target.closest('button.drain');
    if (!button || button.disabled) return;
    const id = button.dataset.node;
    if (!await confirmAction('Drain node', `Hand every bot of node ${id} over to the other nodes? It runs no bot `
      + 'until it is restarted.', 'Drain')) return;
    button.disabled = true;
    try {
      const node = await api.post(`/v1/cluster/nodes/${seg(id)}/drain`);
      notify(`Node ${node.id} is ${node.state}: its bots move to the other nodes.`);
      await load();
    } catch (e) {
      notifyError(e);
      button.disabled = !admin;
    }
  });

  const refresh = () => load().catch((e) => setText(summary, `The nodes could not be loaded: ${e.message}`));
  refresh();
  const poll = setInterval(refresh, POLL_MS);
  return () => { stopped = true; clearInterval(poll); };
}
