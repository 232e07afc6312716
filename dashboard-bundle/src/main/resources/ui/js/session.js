// The operator's token, kept for this browser tab only (sessionStorage: gone when the tab
// closes, never in a URL). Login also makes the server set the HttpOnly stream cookie.

const TOKEN = 'botfleet.token';
const WHO = 'botfleet.who';
const RANK = { viewer: 1, operator: 2, admin: 3 };

export const session = {
  token: () => sessionStorage.getItem(TOKEN),

  /** {name, role} of the token, as the server said at login. */
  who: () => {
    try {
      return JSON.parse(sessionStorage.getItem(WHO));
    } catch {
      return null;
    }
  },

  save(token, who) {
    sessionStorage.setItem(TOKEN, token);
    sessionStorage.setItem(WHO, JSON.stringify({ name: who.name, role: who.role }));
  },

  clear() {
    sessionStorage.removeItem(TOKEN);
    sessionStorage.removeItem(WHO);
  },

  /** Whether the token's role includes `role` (viewer < operator < admin). */
  may(role) {
    const who = session.who();
    return !!who && (RANK[who.role] || 0) >= RANK[role];
  },
};
