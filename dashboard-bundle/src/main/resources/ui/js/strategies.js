// Strategies view: installed strategies and their versions, the bots on each, bad versions
// flagged; an admin can upload a strategy bundle jar, and sees the server's reason if refused.
import { api } from './api.js';
import { h, setText } from './dom.js';
import { session } from './session.js';

const MAX_UPLOAD = 20 * 1024 * 1024; // docs/api.md's limit for bundle uploads

export function mount(main) {
  const tbody = h('tbody');
  const list = h('table', { id: 'strategies' },
    h('caption', {}, 'Installed strategies and versions'),
    h('thead', {}, h('tr', {}, ['Strategy', 'Version', 'Bundle', 'Bots', 'Status'].map((c) => h('th', { scope: 'col' }, c)))),
    tbody);
  const file = h('input', { id: 'bundle-file', type: 'file', accept: '.jar,application/java-archive', required: true });
  const submit = h('button', { type: 'submit', id: 'upload' }, 'Upload');
  const result = h('p', { id: 'upload-result', role: 'status' });
  const admin = session.may('admin');
  const form = h('form', { id: 'upload-form', class: 'panel', 'aria-labelledby': 'upload-title' },
    h('h3', { id: 'upload-title' }, 'Deploy a strategy bundle'),
    admin ? null : h('p', {}, 'Uploading needs an admin token.'),
    h('label', { for: 'bundle-file' }, 'Bundle jar'), file, submit, result);
  file.disabled = !admin;
  submit.disabled = !admin;

  main.replaceChildren(h('h2', { tabindex: '-1' }, 'Strategies'), list, form);

  async function load() {
    const strategies = await api.get('/v1/strategies');
    const out = [];
    for (const s of strategies) {
      for (const v of s.versions) {
        const bots = v.bots.length ? `${v.bots.length}: ${v.bots.slice(0, 20).join(', ')}${v.bots.length > 20 ? ', …' : ''}` : 'none';
        out.push(h('tr', { dataset: { strategy: s.id, version: v.version } },
          h('th', { scope: 'row' }, s.id), h('td', {}, v.version),
          h('td', {}, `#${v.bundleId} ${v.bundleState}`), h('td', {}, bots),
          h('td', { class: v.bad ? 'bad' : null }, v.bad ? 'bad (not used unless forced)' : 'good')));
      }
    }
    tbody.replaceChildren(...(out.length ? out : [h('tr', {}, h('td', { colspan: 5 }, 'No strategy installed.'))]));
    main.dataset.loaded = 'true';
  }

  form.addEventListener('submit', async (event) => {
    event.preventDefault();
    const jar = file.files[0];
    result.dataset.outcome = 'refused';
    if (!jar) return setText(result, 'Choose a jar file first.');
    if (jar.size > MAX_UPLOAD) return setText(result, `Refused: ${jar.name} is larger than 20 MiB.`);
    submit.disabled = true;
    setText(result, `Uploading ${jar.name}…`);
    try {
      const deployed = await api.uploadBundle(jar);
      result.dataset.outcome = 'deployed';
      const provides = deployed.strategies.map((s) => `${s.id} ${s.version}`).join(', ');
      setText(result, `Deployed ${deployed.symbolicName} ${deployed.version} (${provides || 'no strategy'}).`);
      form.reset();
      await load();
    } catch (e) {
      setText(result, `Refused: ${e.message}`);
    } finally {
      submit.disabled = !admin;
    }
  });

  load().catch((e) => setText(result, `The strategies could not be loaded: ${e.message}`));
  return () => {};
}
