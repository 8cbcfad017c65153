import {
  BUILTIN_FIELDS,
  CUSTOM_PREFIX,
  ENUM_VALUES,
  OP_TEXT,
  OPS_BY_TYPE,
  RELATIVE_UNITS,
  SCORE_MAX,
  SCORE_MIN,
  fieldType,
  segmentError,
  type Condition,
  type Expr,
  type FieldType,
  type Op,
  type SegmentError,
  type Span,
  type Value,
} from './ast';
import { isRealDate } from './dates';
import { quote } from './print';
import { closest } from './suggest';

/**
 * The checker: every field exists, every operator fits its field's type, every value has the
 * right type, every enum name is real. All errors are reported (not only the first), each with
 * the offsets of the part at fault and, for a likely typo, a suggestion to put there.
 */

export interface CheckOptions {
  /** The shop's custom field names (without `field.`); when given, other names are errors. */
  customFields?: readonly string[];
}

const NO_SPAN: Span = { start: 0, end: 0 };

/** Suggested operators for a wrong one, by field type. */
const OP_FIX: Partial<Record<FieldType, Partial<Record<Op, Op>>>> = {
  list: { '=': 'contains', '!=': 'not_contains' },
  enum: { contains: '=', not_contains: '!=' },
  string: { not_contains: '!=', in: '=' },
};

export function check(expr: Expr, options: CheckOptions = {}): SegmentError[] {
  const errors: SegmentError[] = [];
  const stack: Expr[] = [expr];
  // Iterative, so a long chain of ANDs cannot overflow the stack; conditions in text order.
  while (stack.length) {
    const e = stack.pop()!;
    if (e.kind === 'cond') checkCondition(e, options, errors);
    else if (e.kind === 'not') stack.push(e.expr);
    else stack.push(e.right, e.left);
  }
  return errors;
}

function checkCondition(c: Condition, options: CheckOptions, errors: SegmentError[]): void {
  const fieldSpan = c.fieldSpan ?? c.span ?? NO_SPAN;
  const type = fieldType(c.field);
  if (type === undefined) {
    errors.push(segmentError('segment.error.unknownField', fieldSpan, { field: c.field }, closest(c.field, BUILTIN_FIELDS)));
    return;
  }
  if (c.field.startsWith(CUSTOM_PREFIX) && options.customFields) {
    const name = c.field.slice(CUSTOM_PREFIX.length);
    if (!options.customFields.includes(name)) {
      const s = closest(name, options.customFields);
      errors.push(segmentError('segment.error.unknownCustomField', fieldSpan, { name }, s === undefined ? undefined : CUSTOM_PREFIX + s));
      return;
    }
  }
  const allowed = OPS_BY_TYPE[type];
  if (!allowed.includes(c.op)) {
    const fix = OP_FIX[type]?.[c.op];
    errors.push(
      segmentError(
        'segment.error.operatorNotForField',
        c.opSpan ?? c.span ?? NO_SPAN,
        { op: OP_TEXT[c.op] ?? String(c.op), field: c.field, ops: allowed.map((o) => OP_TEXT[o]).join(', ') },
        fix && allowed.includes(fix) ? OP_TEXT[fix] : undefined,
      ),
    );
    return;
  }
  const want = c.op === 'is_null' || c.op === 'is_not_null' ? 0 : c.op === 'between' ? 2 : 1;
  if (c.op === 'in' || c.op === 'not_in' ? c.values.length < 1 : c.values.length !== want) {
    errors.push(segmentError('segment.error.valueCount', c.span ?? NO_SPAN, { op: OP_TEXT[c.op] }));
    return;
  }
  for (const v of c.values) {
    const e = checkValue(c.field, type, v);
    if (e) errors.push(e);
  }
}

function checkValue(field: string, type: FieldType, v: Value): SegmentError | undefined {
  const span = v.span ?? NO_SPAN;
  switch (type) {
    case 'money':
    case 'number':
    case 'score':
      if (v.kind !== 'number' || !Number.isFinite(v.value)) {
        const n = v.kind === 'string' ? Number(v.value.trim()) : NaN;
        return segmentError('segment.error.expectedNumber', span, { field }, v.kind === 'string' && v.value.trim() && Number.isFinite(n) ? String(n) : undefined);
      }
      if (type === 'score' && (v.value < SCORE_MIN || v.value > SCORE_MAX)) return segmentError('segment.error.scoreRange', span, { field, min: SCORE_MIN, max: SCORE_MAX });
      return undefined;
    case 'date':
      if (v.kind === 'date') return isRealDate(v.value) ? undefined : segmentError('segment.error.badDate', span, { text: v.value });
      if (v.kind === 'relative') {
        return Number.isSafeInteger(v.amount) && (RELATIVE_UNITS as readonly string[]).includes(v.unit) ? undefined : segmentError('segment.error.expectedDate', span, { field });
      }
      return segmentError('segment.error.expectedDate', span, { field }, v.kind === 'string' && isRealDate(v.value.trim()) ? v.value.trim() : undefined);
    case 'enum': {
      const names = ENUM_VALUES[field as keyof typeof ENUM_VALUES];
      if (v.kind !== 'string') return segmentError('segment.error.expectedName', span, { field, values: names.join(', ') });
      if (names.includes(v.value)) return undefined;
      const s = closest(v.value, names);
      return segmentError('segment.error.unknownValue', span, { field, value: v.value, values: names.join(', ') }, s === undefined ? undefined : quote(s));
    }
    case 'list':
    case 'string':
      return v.kind === 'string' ? undefined : segmentError('segment.error.expectedText', span, { field });
  }
}
