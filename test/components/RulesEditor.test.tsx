import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { act, cleanup, fireEvent, screen, within } from '@testing-library/preact';
import { defaultValue, opsFor, RulesEditor } from '@/components/RulesEditor';
import { ActionCondition, DEFAULT_ACTION_RULES, INSIGHT_FIELDS, type ActionRule } from '@/lib/model/action-rules';
import { EVIL, renderUi } from './ui';

type Preview = { customers: number; matches: Record<string, number> };
type Call = (name: string, args: { shopId: string; rules?: ActionRule[] }) => Promise<unknown>;

const rpc = vi.hoisted(() => ({ call: vi.fn<Call>() }));
vi.mock('@/lib/rpc/client', () => ({ call: rpc.call }));

const SHOP = 'demo:blossom';
const DEFAULT_SNAPSHOT = structuredClone(DEFAULT_ACTION_RULES);

/** What the background holds, and how many buyers each rule fires for (by position). */
let stored: ActionRule[];
let preview: (rules: ActionRule[]) => Promise<Preview>;

/** Where a default rule is, by id, so the tests do not depend on the defaults' order. */
const at = (id: string) => DEFAULT_ACTION_RULES.findIndex((r) => r.id === id);

const WIN_BACK = at('win-back-valuable'); // lifecycle in [at_risk, churned], m >= 4
const WELCOME = at('welcome-new'); // lifecycle = new
const BIRTHDAY = at('birthday-greeting');

const calls = (name: string) => rpc.call.mock.calls.filter(([n]) => n === name);

beforeEach(() => {
  vi.useFakeTimers({ toFake: ['setTimeout', 'clearTimeout'] });
  stored = structuredClone(DEFAULT_ACTION_RULES);
  preview = async (rules) => ({ customers: 42, matches: Object.fromEntries(rules.map((r, i) => [r.id, i + 1])) });
  rpc.call.mockReset();
  rpc.call.mockImplementation(async (name, args) => {
    if (name === 'rules.get') return { rules: structuredClone(stored), isDefault: true };
    if (name === 'rules.preview') return preview(structuredClone(args.rules!));
    if (name === 'rules.save') {
      stored = structuredClone(args.rules!);
      return { saved: true };
    }
    throw new Error(`unexpected call ${name}`);
  });
});

afterEach(() => {
  cleanup();
  vi.useRealTimers();
  // The editor must never change the shared defaults.
  expect(DEFAULT_ACTION_RULES).toEqual(DEFAULT_SNAPSHOT);
});

/** Let time pass (and promises settle) inside act. */
const wait = (ms = 0) => act(async () => void (await vi.advanceTimersByTimeAsync(ms)));

async function setup(language: 'en' | 'zh-CN' = 'en') {
  const result = renderUi(<RulesEditor shopId={SHOP} />, { language });
  await wait(); // rules.get
  const rules = () => [...result.container.querySelectorAll<HTMLFieldSetElement>('[data-bl="rule"]')];
  const rule = (i: number) => within(rules()[i]!);
  const names = () => rules().map((f) => within(f).getByRole<HTMLInputElement>('textbox', { name: language === 'en' ? 'Rule name' : '规则名称' }).value);
  const save = () => result.container.querySelector<HTMLButtonElement>('[data-bl="rules-save"]')!;
  const counts = () => [...result.container.querySelectorAll('[data-bl="rule-count"]')].map((c) => c.textContent);
  const type = (input: HTMLElement, value: string) => fireEvent.input(input, { target: { value } });
  const pick = (select: HTMLElement, value: string) => fireEvent.change(select, { target: { value } });
  return { ...result, rules, rule, names, save, counts, type, pick };
}

describe('RulesEditor', () => {
  it('loads the shop’s rules: one fieldset per rule, with its name', async () => {
    const { rules, names, rule } = await setup();
    expect(calls('rules.get')).toEqual([['rules.get', { shopId: SHOP }]]);
    expect(rules()).toHaveLength(DEFAULT_ACTION_RULES.length);
    expect(names()).toEqual(DEFAULT_ACTION_RULES.map((r) => r.name));
    // The rule's conditions are shown with their translated names.
    const field = rule(WIN_BACK).getAllByRole<HTMLSelectElement>('combobox', { name: 'Field' });
    expect(field.map((s) => s.value)).toEqual(['lifecycle', 'm']);
    expect(rule(WIN_BACK).getByLabelText<HTMLInputElement>('Suggest').value).toBe(DEFAULT_ACTION_RULES[WIN_BACK]!.action);
  });

  it('while loading shows a placeholder; a load error is shown in words', async () => {
    let fail!: (err: Error) => void;
    rpc.call.mockImplementation(() => new Promise((_, reject) => (fail = reject)));
    const { container } = renderUi(<RulesEditor shopId={SHOP} />);
    expect(container.textContent).toBe('…');
    expect(screen.queryByRole('button')).toBeNull();
    fail(new Error('BuyerLens was updated or restarted.'));
    await wait();
    expect(screen.getByRole('alert').textContent).toBe('BuyerLens was updated or restarted.');
  });

  it('shows how many buyers each rule fires for, after a debounced preview', async () => {
    const { counts, container } = await setup();
    expect(calls('rules.preview')).toHaveLength(0);
    await wait(399);
    expect(calls('rules.preview')).toHaveLength(0);
    await wait(1);
    expect(calls('rules.preview')).toEqual([['rules.preview', { shopId: SHOP, rules: DEFAULT_ACTION_RULES }]]);
    expect(counts()).toEqual(DEFAULT_ACTION_RULES.map((_, i) => `fires for ${i + 1} buyers`));
    expect(container.querySelector('[data-bl="rules-customers"]')!.textContent).toBe('Counted over 42 buyers of this shop.');
  });

  it('typing quickly sends one preview, of the latest draft', async () => {
    const { rule, type } = await setup();
    await wait(400);
    const name = rule(0).getByRole('textbox', { name: 'Rule name' });
    type(name, 'C');
    await wait(100);
    type(name, 'Co');
    await wait(100);
    type(name, 'Com');
    await wait(399);
    expect(calls('rules.preview')).toHaveLength(1);
    await wait(1);
    expect(calls('rules.preview')).toHaveLength(2);
    expect(calls('rules.preview')[1]![1].rules![0]!.name).toBe('Com');
  });

  it('Save is off until something changes; editing a name turns it on', async () => {
    const { rule, save, type, names } = await setup();
    expect(save().disabled).toBe(true);
    type(rule(1).getByRole('textbox', { name: 'Rule name' }), 'Complaints first');
    expect(names()[1]).toBe('Complaints first');
    expect(save().disabled).toBe(false);
    // Typing the old name back: nothing to save.
    type(rule(1).getByRole('textbox', { name: 'Rule name' }), DEFAULT_ACTION_RULES[1]!.name);
    expect(save().disabled).toBe(true);
  });

  it('an empty action text: the translated error beside that rule, Save off, no preview sent', async () => {
    const { rule, rules, save, type } = await setup();
    await wait(400);
    type(rule(BIRTHDAY).getByRole('textbox', { name: 'Rule name' }), 'Birthday!');
    type(rule(BIRTHDAY).getByLabelText('Suggest'), '   ');
    const alerts = screen.getAllByRole('alert');
    expect(alerts.map((a) => a.textContent)).toEqual(['Say what to do in 1 to 200 characters.']);
    expect(rules()[BIRTHDAY]!.contains(alerts[0]!)).toBe(true);
    expect(save().disabled).toBe(true);
    await wait(2_000);
    expect(calls('rules.preview')).toHaveLength(1); // only the first, of the loaded rules
    // Fixing it clears the error and previews again.
    type(rule(BIRTHDAY).getByLabelText('Suggest'), 'Send a card');
    expect(screen.queryByRole('alert')).toBeNull();
    expect(save().disabled).toBe(false);
    await wait(400);
    expect(calls('rules.preview')).toHaveLength(2);
  });

  it('the error is in Chinese for a zh-CN reader', async () => {
    const { rule, type } = await setup('zh-CN');
    type(rule(0).getByLabelText('建议'), '');
    expect(screen.getByRole('alert').textContent).toBe('请用 1 到 200 个字符写明要做什么。');
    type(rule(0).getByRole('textbox', { name: '规则名称' }), ' ');
    expect(
      rule(0)
        .getAllByRole('alert')
        .map((a) => a.textContent)
        .sort(),
    ).toEqual(['规则名称需为 1 到 60 个字符。', '请用 1 到 200 个字符写明要做什么。'].sort());
  });

  // BUG: only the schema's own i18n keys are translated; zod's generic messages (an empty list, a
  // priority over 100, an empty tag) reach a Chinese reader in English and in zod's jargon.
  it('every error a reader can cause is in their language: unticking every stage (zh-CN)', async () => {
    const { rule, save } = await setup('zh-CN');
    const group = rule(WIN_BACK).getByRole('group', { name: '值' });
    for (const box of within(group).getAllByRole<HTMLInputElement>('checkbox').filter((c) => c.checked)) fireEvent.click(box);
    expect(save().disabled).toBe(true);
    const alerts = rule(WIN_BACK).getAllByRole('alert').map((a) => a.textContent);
    expect(alerts).toHaveLength(1);
    expect(alerts[0]).toMatch(/[\u4e00-\u9fff]/);
    expect(alerts[0]).not.toMatch(/Too small|expected/);
  });

  it('changing a condition’s field resets its operator and value to ones that fit', async () => {
    const { rule, pick, save } = await setup();
    const field = () => rule(WELCOME).getByRole<HTMLSelectElement>('combobox', { name: 'Field' });
    const op = () => rule(WELCOME).getByRole<HTMLSelectElement>('combobox', { name: 'Comparison' });
    const opLabels = () => [...op().options].map((o) => o.textContent);

    pick(field(), 'tag');
    expect(op().value).toBe('has');
    expect(opLabels()).toEqual(['has', 'does not have']);
    expect(rule(WELCOME).getByRole<HTMLInputElement>('textbox', { name: 'Value' }).value).toBe('vip');

    pick(field(), 'order_count');
    expect(op().value).toBe('>=');
    expect(opLabels()).toEqual(['at least', 'at most', 'more than', 'less than', 'is', 'is not']);
    expect(rule(WELCOME).getByRole<HTMLInputElement>('spinbutton', { name: 'Value' }).value).toBe('30');

    pick(field(), 'rfm_group');
    expect(op().value).toBe('=');
    expect(rule(WELCOME).getByRole<HTMLSelectElement>('combobox', { name: 'Value' }).value).toBe('champions');

    // Every step stayed valid: nothing to complain about, and it can be saved.
    expect(screen.queryByRole('alert')).toBeNull();
    expect(save().disabled).toBe(false);
    await wait(400);
    expect(calls('rules.preview').at(-1)![1].rules![WELCOME]!.when).toEqual([{ field: 'rfm_group', op: '=', value: 'champions' }]);
  });

  it('switching a choice to "is one of" turns the value into a list of checkboxes', async () => {
    const { rule, pick } = await setup();
    pick(rule(WELCOME).getByRole('combobox', { name: 'Comparison' }), 'in');
    const group = rule(WELCOME).getByRole('group', { name: 'Value' });
    const checked = within(group)
      .getAllByRole<HTMLInputElement>('checkbox')
      .filter((c) => c.checked)
      .map((c) => c.parentElement!.textContent);
    expect(checked).toEqual(['At risk']);
    expect(screen.queryByRole('alert')).toBeNull();
  });

  it('Save sends the draft for this shop, then is off again and says Saved', async () => {
    const { rule, save, type } = await setup();
    type(rule(0).getByRole('textbox', { name: 'Rule name' }), 'Complaints (zh)');
    fireEvent.click(save());
    await wait();
    const expected = DEFAULT_ACTION_RULES.map((r, i) => (i === 0 ? { ...r, name: 'Complaints (zh)' } : r));
    expect(calls('rules.save')).toEqual([['rules.save', { shopId: SHOP, rules: expected }]]);
    expect(screen.getByRole('status').textContent).toBe('Saved');
    expect(save().disabled).toBe(true);
  });

  it('a failed save says why and stays saveable', async () => {
    const { rule, save, type } = await setup();
    rpc.call.mockImplementation(async (name) => {
      if (name === 'rules.save') throw new Error('Storage is full.');
      return { customers: 0, matches: {} };
    });
    type(rule(0).getByRole('textbox', { name: 'Rule name' }), 'X');
    fireEvent.click(save());
    await wait();
    expect(screen.getByRole('status').textContent).toBe('Storage is full.');
    expect(save().disabled).toBe(false);
  });

  it('"Back to the default rules" restores the defaults', async () => {
    stored = [
      {
        id: 'own',
        name: 'My own rule',
        enabled: true,
        priority: 10,
        when: [{ field: 'tag', op: 'has', value: 'VIP' }],
        action: 'Say hi',
        kind: 'custom',
      },
    ];
    const { names, save, rule, type } = await setup();
    expect(names()).toEqual(['My own rule']);
    type(rule(0).getByRole('textbox', { name: 'Rule name' }), 'Changed');
    fireEvent.click(screen.getByRole('button', { name: 'Back to the default rules' }));
    expect(names()).toEqual(DEFAULT_ACTION_RULES.map((r) => r.name));
    expect(save().disabled).toBe(false);
    // Editing after the reset edits the draft, never the shared defaults (checked after each test).
    type(rule(0).getByRole('textbox', { name: 'Rule name' }), 'Edited default');
    fireEvent.click(save());
    await wait();
    expect(calls('rules.save').at(-1)![1].rules).toEqual(DEFAULT_ACTION_RULES.map((r, i) => (i === 0 ? { ...r, name: 'Edited default' } : r)));
  });

  // BUG (components/RulesEditor.tsx, preview effect): answers are applied in arrival order, so a
  // slow answer for an older draft overwrites the counts of the current one.
  it('a stale preview answer does not overwrite a newer one', async () => {
    const answers: ((p: Preview) => void)[] = [];
    preview = () => new Promise((resolve) => answers.push(resolve));
    const { rule, type, counts } = await setup();
    await wait(400); // preview 1 is out
    type(rule(0).getByRole('textbox', { name: 'Rule name' }), 'Renamed');
    await wait(400); // preview 2 is out
    expect(answers).toHaveLength(2);
    const id = DEFAULT_ACTION_RULES[0]!.id;
    answers[1]!({ customers: 42, matches: { [id]: 7 } });
    await wait();
    expect(counts()[0]).toBe('fires for 7 buyers');
    answers[0]!({ customers: 42, matches: { [id]: 1 } });
    await wait();
    expect(counts()[0]).toBe('fires for 7 buyers');
  });

  it('renders a hostile rule name and action as literal text', async () => {
    stored = [{ id: 'evil', name: EVIL.slice(0, 60), enabled: true, priority: 1, when: [{ field: 'tag', op: 'has', value: EVIL }], action: EVIL, kind: 'custom' }];
    const { container, rule } = await setup();
    expect(rule(0).getByLabelText<HTMLInputElement>('Suggest').value).toBe(EVIL);
    expect(rule(0).getByRole<HTMLInputElement>('textbox', { name: 'Value' }).value).toBe(EVIL);
    expect(container.querySelector('img')).toBeNull();
  });
});

describe('opsFor and defaultValue', () => {
  it('every field gets operators whose default value passes validation', () => {
    const failures: string[] = [];
    for (const field of INSIGHT_FIELDS) {
      const ops = opsFor(field);
      expect(ops.length).toBeGreaterThan(0);
      for (const op of ops) {
        const result = ActionCondition.safeParse({ field, op, value: defaultValue(field, op) });
        if (!result.success) failures.push(`${field} ${op}: ${result.error.issues.map((i) => i.message).join('; ')}`);
      }
    }
    expect(failures).toEqual([]);
  });

  it('offers only operators that fit the field', () => {
    expect(opsFor('tag')).toEqual(['has', 'lacks']);
    expect(opsFor('note_tag')[0]).toBe('has');
    expect(opsFor('lifecycle')).toEqual(['=', '!=', 'in', 'not_in']);
    expect(opsFor('days_since_last_order')[0]).toBe('>=');
    // An operator of another kind is rejected, so the list is not just "everything".
    expect(ActionCondition.safeParse({ field: 'tag', op: '>=', value: 'vip' }).success).toBe(false);
    expect(ActionCondition.safeParse({ field: 'order_count', op: 'has', value: 3 }).success).toBe(false);
  });

  it('list operators get a list, single ones a single value; scores start in range', () => {
    expect(defaultValue('lifecycle', 'in')).toEqual(['at_risk']);
    expect(defaultValue('lifecycle', '=')).toBe('new');
    expect(defaultValue('rfm_group', 'not_in')).toEqual(['champions']);
    expect(defaultValue('r', '>=')).toBe(4);
    expect(defaultValue('days_until_birthday', '<=')).toBe(30);
  });
});
