import { useEffect, useMemo, useRef, useState } from 'preact/hooks';
import { isMessageKey } from '@/lib/i18n';
import {
  ACTION_KINDS,
  ActionRules,
  CHOICE_FIELDS,
  DEFAULT_ACTION_RULES,
  INSIGHT_FIELDS,
  NUMERIC_FIELDS,
  RULE_GROUP_NAMES,
  RULE_STAGE_NAMES,
  SET_FIELDS,
  type ActionCondition,
  type ActionKind,
  type ActionRule,
  type ConditionOp,
  type InsightField,
} from '@/lib/model/action-rules';
import { call } from '@/lib/rpc/client';
import { useOwnerT } from './owner/owner-ui';
import { useCan } from './role';
import { useUi } from './ui-context';

const PREVIEW_DELAY_MS = 400;

/** The operators that make sense for a field, first one the default. */
export function opsFor(field: InsightField): ConditionOp[] {
  if (NUMERIC_FIELDS.has(field)) return ['>=', '<=', '>', '<', '=', '!='];
  if (CHOICE_FIELDS.has(field)) return ['=', '!=', 'in', 'not_in'];
  return ['has', 'lacks'];
}

/** A sensible starting value when a condition's field or operator changes. */
export function defaultValue(field: InsightField, op: ConditionOp): ActionCondition['value'] {
  if (NUMERIC_FIELDS.has(field)) return field === 'r' || field === 'f' || field === 'm' ? 4 : 30;
  const list = op === 'in' || op === 'not_in';
  if (field === 'lifecycle') return list ? ['at_risk'] : 'new';
  if (field === 'rfm_group') return list ? ['champions'] : 'champions';
  if (field === 'last_status') return list ? ['delivered'] : 'delivered';
  return SET_FIELDS.has(field) ? 'vip' : '';
}

function choicesFor(field: InsightField): readonly string[] | undefined {
  if (field === 'lifecycle') return RULE_STAGE_NAMES;
  if (field === 'rfm_group') return RULE_GROUP_NAMES;
  return undefined;
}

type Preview = { customers: number; matches: Record<string, number> };

/**
 * The owner's suggested-action rules for one shop: conditions on the insight fields, tags and
 * dates → an action in their own words, with a live count of the buyers each rule fires for.
 */
export function RulesEditor({ shopId }: { shopId: string }) {
  const { t, language } = useUi();
  const ot = useOwnerT();
  // The rules are a shop-wide setting: the owner's (setting.put in lib/sync/roles.ts).
  const mayChange = useCan('setting.put');
  const [draft, setDraft] = useState<ActionRule[] | undefined>();
  const [saved, setSaved] = useState<string>('');
  const [preview, setPreview] = useState<Preview | undefined>();
  const [status, setStatus] = useState('');
  const [error, setError] = useState('');
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);

  useEffect(() => {
    void call('rules.get', { shopId })
      .then(({ rules }) => {
        setDraft(rules);
        setSaved(JSON.stringify(rules));
      })
      .catch((err: unknown) => setError(String(err instanceof Error ? err.message : err)));
  }, [shopId]);

  const validation = useMemo(() => (draft ? ActionRules.safeParse(draft) : undefined), [draft]);
  const problems = useMemo(() => {
    const byRule = new Map<number, string[]>();
    if (validation && !validation.success) {
      for (const issue of validation.error.issues) {
        const index = typeof issue.path[0] === 'number' ? issue.path[0] : -1;
        // Every rule error has its own words; anything else still reads as a sentence, not zod's.
        const text = isMessageKey(issue.message) ? t(issue.message) : t('rules.invalid');
        byRule.set(index, [...(byRule.get(index) ?? []), text]);
      }
    }
    return byRule;
  }, [validation, language]);

  // Preview only what would pass validation; debounced so typing stays smooth.
  useEffect(() => {
    clearTimeout(timer.current);
    if (!draft || !validation?.success) return;
    // Answers can cross: only the one for the draft still on screen may land.
    let current = true;
    timer.current = setTimeout(() => {
      void call('rules.preview', { shopId, rules: draft })
        .then((p) => current && setPreview(p))
        .catch(() => current && setPreview(undefined));
    }, PREVIEW_DELAY_MS);
    return () => {
      current = false;
      clearTimeout(timer.current);
    };
  }, [draft, validation?.success]);

  if (error) return <p class="error" role="alert">{error}</p>;
  if (!draft) return <p class="muted">…</p>;

  const update = (index: number, patch: Partial<ActionRule>) =>
    setDraft(draft.map((rule, i) => (i === index ? { ...rule, ...patch } : rule)));
  const dirty = JSON.stringify(draft) !== saved;

  const save = async () => {
    setStatus('');
    try {
      await call('rules.save', { shopId, rules: draft });
      setSaved(JSON.stringify(draft));
      setStatus(t('options.saved'));
    } catch (err) {
      setStatus(err instanceof Error ? err.message : String(err));
    }
  };

  return (
    <div class="rules" data-bl="rules-editor">
      <p class="muted">{t('rules.intro')}</p>
      {preview && (
        <p class="muted" data-bl="rules-customers">
          {t('rules.previewOf', { customers: preview.customers })}
        </p>
      )}
      {draft.map((rule, index) => (
        <fieldset key={rule.id} class={`rule${rule.enabled ? '' : ' off'}`} data-bl="rule">
          <legend class="rule-head">
            <label class="switch">
              <input type="checkbox" checked={rule.enabled} onChange={(e) => update(index, { enabled: e.currentTarget.checked })} />
              <span class="sr">{t('rules.enabled')}</span>
            </label>
            <input
              class="rule-name"
              aria-label={t('rules.name')}
              value={rule.name}
              maxLength={60}
              onInput={(e) => update(index, { name: e.currentTarget.value })}
            />
            <span class="fires" data-bl="rule-count" aria-live="polite">
              {preview?.matches[rule.id] !== undefined ? t('rules.fires', { count: preview.matches[rule.id]! }) : ''}
            </span>
          </legend>
          <div class="rule-when">
            <span class="label">{t('rules.when')}</span>
            {rule.when.map((condition, ci) => (
              <ConditionRow
                key={ci}
                condition={condition}
                onChange={(next) => update(index, { when: rule.when.map((c, j) => (j === ci ? next : c)) })}
                onRemove={rule.when.length > 1 ? () => update(index, { when: rule.when.filter((_, j) => j !== ci) }) : undefined}
              />
            ))}
            {rule.when.length < 8 && (
              <button
                type="button"
                class="link"
                onClick={() => update(index, { when: [...rule.when, { field: 'order_count', op: '>=', value: 2 }] })}
              >
                + {t('rules.addCondition')}
              </button>
            )}
          </div>
          <label class="rule-then">
            <span class="label">{t('rules.then')}</span>
            <input value={rule.action} maxLength={200} onInput={(e) => update(index, { action: e.currentTarget.value })} />
          </label>
          <div class="rule-meta">
            <label>
              {t('rules.kind')}{' '}
              <select value={rule.kind} onChange={(e) => update(index, { kind: e.currentTarget.value as ActionKind })}>
                {ACTION_KINDS.map((k) => (
                  <option key={k} value={k}>
                    {t(`actionKind.${k}`)}
                  </option>
                ))}
              </select>
            </label>
            <label>
              {t('rules.priority')}{' '}
              <input
                type="number"
                min={1}
                max={100}
                value={rule.priority}
                onInput={(e) => update(index, { priority: Math.round(Number(e.currentTarget.value)) || 1 })}
              />
            </label>
            <button type="button" class="danger" onClick={() => setDraft(draft.filter((_, i) => i !== index))}>
              {t('rules.delete')}
            </button>
          </div>
          {problems.get(index)?.map((p) => (
            <p key={p} class="error" role="alert">
              {p}
            </p>
          ))}
        </fieldset>
      ))}
      {problems.get(-1)?.map((p) => (
        <p key={p} class="error" role="alert">
          {p}
        </p>
      ))}
      {!mayChange ? (
        <p class="muted" data-bl="rules-owner-only">
          {ot('roles.rulesOwnerOnly')}
        </p>
      ) : (
        <div class="rules-bar">
          <button
            type="button"
            onClick={() =>
              setDraft([
                ...draft,
                {
                  id: `rule-${Date.now().toString(36)}`,
                  name: t('rules.newName'),
                  enabled: true,
                  priority: 50,
                  when: [{ field: 'lifecycle', op: '=', value: 'at_risk' }],
                  action: t('rules.newAction'),
                  kind: 'custom',
                },
              ])
            }
          >
            + {t('rules.add')}
          </button>
          <button type="button" onClick={() => setDraft(DEFAULT_ACTION_RULES)}>
            {t('rules.reset')}
          </button>
          <span class="grow" />
          <span role="status" class="saved">
            {status}
          </span>
          <button type="button" class="primary" data-bl="rules-save" disabled={!dirty || !validation?.success} onClick={() => void save()}>
            {t('rules.save')}
          </button>
        </div>
      )}
    </div>
  );
}

function ConditionRow({
  condition,
  onChange,
  onRemove,
}: {
  condition: ActionCondition;
  onChange: (next: ActionCondition) => void;
  onRemove?: () => void;
}) {
  const { t } = useUi();
  const { field, op, value } = condition;
  const choices = choicesFor(field);
  const list = op === 'in' || op === 'not_in';
  const name = (prefix: string, v: string) => (isMessageKey(`${prefix}.${v}`) ? t(`${prefix}.${v}` as never) : v);
  const choiceLabel = (v: string) => name(field === 'lifecycle' ? 'stage' : field === 'rfm_group' ? 'group' : 'status', v);

  return (
    <div class="condition" data-bl="condition">
      <select
        aria-label={t('rules.field')}
        value={field}
        onChange={(e) => {
          const next = e.currentTarget.value as InsightField;
          const nextOp = opsFor(next)[0]!;
          onChange({ field: next, op: nextOp, value: defaultValue(next, nextOp) });
        }}
      >
        {INSIGHT_FIELDS.map((f) => (
          <option key={f} value={f}>
            {t(`insightField.${f}`)}
          </option>
        ))}
      </select>
      <select
        aria-label={t('rules.op')}
        value={op}
        onChange={(e) => {
          const nextOp = e.currentTarget.value as ConditionOp;
          const wasList = list;
          const isList = nextOp === 'in' || nextOp === 'not_in';
          onChange({ field, op: nextOp, value: wasList === isList ? value : defaultValue(field, nextOp) });
        }}
      >
        {opsFor(field).map((o) => (
          <option key={o} value={o}>
            {t(`conditionOp.${o}`)}
          </option>
        ))}
      </select>
      {NUMERIC_FIELDS.has(field) ? (
        <input
          type="number"
          aria-label={t('rules.value')}
          value={typeof value === 'number' ? value : ''}
          onInput={(e) => onChange({ field, op, value: Number(e.currentTarget.value) })}
        />
      ) : choices && list ? (
        <span class="choices" role="group" aria-label={t('rules.value')}>
          {choices.map((c) => {
            const selected = Array.isArray(value) && value.includes(c);
            return (
              <label key={c} class="choice">
                <input
                  type="checkbox"
                  checked={selected}
                  onChange={() => {
                    const current = Array.isArray(value) ? value : [];
                    onChange({ field, op, value: selected ? current.filter((v) => v !== c) : [...current, c] });
                  }}
                />
                {choiceLabel(c)}
              </label>
            );
          })}
        </span>
      ) : choices ? (
        <select aria-label={t('rules.value')} value={String(value)} onChange={(e) => onChange({ field, op, value: e.currentTarget.value })}>
          {choices.map((c) => (
            <option key={c} value={c}>
              {choiceLabel(c)}
            </option>
          ))}
        </select>
      ) : (
        <input
          aria-label={t('rules.value')}
          value={Array.isArray(value) ? value.join(', ') : String(value)}
          onInput={(e) => {
            const text = e.currentTarget.value;
            onChange({ field, op, value: list ? text.split(/[,，]/).map((s) => s.trim()).filter(Boolean) : text });
          }}
        />
      )}
      {onRemove && (
        <button type="button" class="link" aria-label={t('rules.removeCondition')} onClick={onRemove}>
          ×
        </button>
      )}
    </div>
  );
}
