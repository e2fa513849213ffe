/** The team's side over the agent API of the real server: log in, reply, read. */
export async function agentApi(
  url: string,
  siteKey: string,
  credentials: { email: string; password: string },
) {
  const headers = { 'content-type': 'application/json', 'x-frontdesk-site': siteKey };
  const login = await fetch(`${url}/v1/agent/login`, {
    method: 'POST',
    headers,
    body: JSON.stringify(credentials),
  });
  if (!login.ok) throw new Error(`agent login: ${login.status} ${await login.text()}`);
  const { token } = (await login.json()) as { token: string };
  const auth = { ...headers, authorization: `Bearer ${token}` };
  let n = 0;
  return {
    async reply(conversationId: string, text: string) {
      const body = JSON.stringify({ clientId: `agent-${Date.now()}-${n++}`, text });
      const response = await fetch(`${url}/v1/agent/conversations/${conversationId}/messages`, {
        method: 'POST',
        headers: auth,
        body,
      });
      if (!response.ok) throw new Error(`agent reply: ${response.status} ${await response.text()}`);
    },
    async messages(
      conversationId: string,
    ): Promise<{ text: string; seq: number; clientId: string; author: { kind: string } }[]> {
      const all = [];
      for (let after = 0; ; ) {
        const response = await fetch(
          `${url}/v1/agent/conversations/${conversationId}/messages?afterSeq=${after}&limit=500`,
          { headers: auth },
        );
        if (!response.ok) throw new Error(`agent messages: ${response.status} ${await response.text()}`);
        const page = (await response.json()) as {
          text: string;
          seq: number;
          clientId: string;
          author: { kind: string };
        }[];
        all.push(...page);
        if (page.length < 500) return all;
        after = page.at(-1)!.seq;
      }
    },
  };
}
