/** A list of people re-drawn in place (a desk's customers, an organization's members): paged, each with Remove. */
import { h, type Child } from '../../../web/dom';
import * as api from '../api';
import { link } from '../router';
import { actionButton, partPager, refill, table } from '../ui';

interface PeopleList {
  /** The table's caption, e.g. "Customers of Payroll". */
  caption: string;
  /** What the list holds, for its pager ("customers"). */
  what: string;
  empty: string;
  load(start: number): Promise<api.Page<api.User>>;
  /** Removes the person and answers the sentence that says so. */
  remove(person: api.User): Promise<string>;
  /** Where each action's outcome is said. */
  status: HTMLElement;
  /** One more column before Remove. */
  extra?: { column: string; cell(person: api.User): Child };
}

export const nameOf = (person: api.User) => person.displayName || person.emailAddress || person.accountId;

export const peopleList = ({ caption, what, empty, load, remove, status, extra }: PeopleList) => {
  const box = h('div', {});
  let start = 0;
  const draw = async () => {
    const page = await load(start);
    refill(
      box,
      page.values.length === 0
        ? h('p', {}, empty)
        : table(
            caption,
            ['Name', 'Email', ...(extra ? [extra.column] : []), ''],
            page.values.map((person) => [
              // Admins open the profile; the directory is theirs alone.
              api.isAdmin() ? link(`/customers/${encodeURIComponent(person.accountId)}`, nameOf(person)) : nameOf(person),
              person.emailAddress ?? '—',
              ...(extra ? [extra.cell(person)] : []),
              actionButton(
                'Remove',
                status,
                async () => {
                  const said = await remove(person);
                  await draw();
                  return said;
                },
                { class: 'secondary', 'aria-label': `Remove ${nameOf(person)}` },
              ),
            ]),
          ),
      partPager(page, what, (at) => {
        start = at;
        void draw();
      }),
    );
  };
  return { box, draw };
};
