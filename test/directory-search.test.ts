/** Directory search (GET /rest/admin/1/customer): prefix on email or name, filters, and JSM paging. */
import { storeMeter } from '#store/client';
import { expectJsmError, startTestApp, type TestApp } from '#harness/app';

let app: TestApp;
beforeAll(async () => {
  app = await startTestApp();
});
afterAll(() => app.close());

type Entry = { accountId: string; emailAddress: string; displayName: string; status: string; accountType: string };
type PageBody = { size: number; start: number; limit: number; isLastPage: boolean; values: Entry[]; _links: Record<string, string> };

const page = async (query: string) => {
  const answer = await app.call<PageBody>('GET', `/rest/admin/1/customer?${query}`);
  expect(answer.status).toBe(200);
  return answer.body;
};

describe('paging 120 customers with limit 50', () => {
  const created: string[] = [];
  beforeAll(async () => {
    for (let batch = 0; batch < 6; batch += 1) {
      const answers = await Promise.all(
        Array.from({ length: 20 }, (_, i) => app.createCustomer(`pager.${String(batch * 20 + i).padStart(3, '0')}@paging.test`, `Pager ${batch * 20 + i}`)),
      );
      created.push(...answers.map((a) => a.accountId));
    }
  });

  it('following _links.next sees each customer exactly once and isLastPage only on the last page', async () => {
    const seen: string[] = [];
    const pages: PageBody[] = [];
    let next: string | undefined = `${app.url}/rest/admin/1/customer?query=pager.&limit=50`;
    while (next) {
      const url: URL = new URL(next);
      const body = await page(url.search.slice(1));
      pages.push(body);
      seen.push(...body.values.map((v) => v.accountId));
      next = body._links.next;
    }
    expect(pages.map((p) => [p.start, p.size, p.isLastPage])).toEqual([
      [0, 50, false],
      [50, 50, false],
      [100, 20, true],
    ]);
    expect(new Set(seen).size).toBe(120);
    expect([...seen].sort()).toEqual([...created].sort());
    expect(pages[1]!._links.prev).toContain('start=0');
  });

  it('plain start offsets, as JSM clients send them, give the same pages', async () => {
    const seen: string[] = [];
    for (const start of [0, 50, 100]) {
      const body = await page(`query=PAGER.&start=${start}&limit=50`);
      expect(body.isLastPage).toBe(start === 100);
      seen.push(...body.values.map((v) => v.accountId));
    }
    expect(new Set(seen).size).toBe(120);
    expect(seen).toHaveLength(120);
  });

  it('lists values in email order', async () => {
    const body = await page('query=pager.&limit=5');
    expect(body.values.map((v) => v.emailAddress)).toEqual([0, 1, 2, 3, 4].map((n) => `pager.${String(n).padStart(3, '0')}@paging.test`));
  });

  it('caps limit at 100 and refuses a limit of 0 or a negative start', async () => {
    const body = await page('query=pager.&limit=500');
    expect(body.limit).toBe(100);
    expect(body.size).toBe(100);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer?limit=0'), 400);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer?start=-1'), 400);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer?limit=ten'), 400);
  });

  it('refuses a forged cursor', async () => {
    expectJsmError(await app.call('GET', '/rest/admin/1/customer?query=pager.&cursor=bm90LWEtY3Vyc29y'), 400);
  });
});

describe('prefix search', () => {
  let grace: Entry;
  let alan: Entry;
  beforeAll(async () => {
    grace = (await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: 'ghopper@navy.test', displayName: 'Grace Hopper' } })).body;
    alan = (await app.call('POST', '/rest/servicedeskapi/customer', { body: { email: 'Alan.Turing@Bletchley.test', displayName: 'alan turing' } })).body;
    await app.call('PUT', `/rest/servicedeskapi/customer/user/${grace.accountId}/revoke-portal-only-access`);
  });

  const ids = async (query: string) => (await page(query)).values.map((v) => v.accountId);

  it('matches the start of the email, whatever the case', async () => {
    expect(await ids('query=GHOP')).toEqual([grace.accountId]);
    expect(await ids('query=alan.t')).toEqual([alan.accountId]);
  });

  it('matches the start of the display name, whatever the case', async () => {
    expect(await ids('query=grace%20h')).toEqual([grace.accountId]);
    expect(await ids('query=ALAN%20T')).toEqual([alan.accountId]);
  });

  it('does not match the middle of a name or email', async () => {
    expect(await ids('query=hopper')).toEqual([]);
    expect(await ids('query=navy')).toEqual([]);
  });

  it('lists an account once when both its email and its name match', async () => {
    expect(await ids('query=alan')).toEqual([alan.accountId]);
  });

  it('filters by status and account type', async () => {
    expect(await ids('query=g&status=suspended')).toEqual([grace.accountId]);
    expect(await ids('query=g&status=active')).not.toContain(grace.accountId);
    const sites = (await page('accountType=site&limit=100')).values;
    expect(sites.length).toBeGreaterThan(0);
    expect(sites.every((v) => v.accountType === 'site')).toBe(true);
    expect(sites.map((v) => v.emailAddress)).toContain(app.admin.email);
    expectJsmError(await app.call('GET', '/rest/admin/1/customer?status=sleeping'), 400);
  });

  it('reads a search page with one Query even when names and emails both match', async () => {
    await Promise.all(Array.from({ length: 60 }, (_, i) => app.createCustomer(`maria.${i}@both.test`, `Maria ${i}`)));
    storeMeter.reset();
    const body = await page('query=maria&limit=50');
    expect(body.size).toBe(50);
    expect(body.isLastPage).toBe(false);
    expect(storeMeter.read().commands.QueryCommand).toBe(1);
    const rest = await page(new URL(body._links.next!).search.slice(1));
    expect(rest.values).toHaveLength(10);
    expect(new Set([...body.values, ...rest.values].map((v) => v.accountId)).size).toBe(60);
  });

  it('follows a renamed customer to the new name', async () => {
    await app.call('PATCH', `/rest/admin/1/customer/${alan.accountId}`, { body: { displayName: 'Enigma Breaker' } });
    expect(await ids('query=enigma')).toEqual([alan.accountId]);
    expect(await ids('query=alan%20t')).toEqual([]);
  });
});
