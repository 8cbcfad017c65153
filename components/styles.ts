/**
 * The CSS of every BuyerLens shadow root. Sizes in px (the page's rem is not ours); colours
 * chosen for contrast on white; focus always visible.
 */
export const TAG_PALETTE: Record<string, { bg: string; fg: string; dot: string }> = {
  slate: { bg: '#eef1f5', fg: '#334155', dot: '#64748b' },
  red: { bg: '#fde8e8', fg: '#9b1c1c', dot: '#e02424' },
  orange: { bg: '#feecdc', fg: '#8a2c0d', dot: '#ff5a1f' },
  amber: { bg: '#fdf6b2', fg: '#723b13', dot: '#c27803' },
  green: { bg: '#def7ec', fg: '#03543f', dot: '#0e9f6e' },
  teal: { bg: '#d5f5f6', fg: '#014451', dot: '#0694a2' },
  blue: { bg: '#e1effe', fg: '#1e429f', dot: '#3f83f8' },
  indigo: { bg: '#e5edff', fg: '#42389d', dot: '#6875f5' },
  purple: { bg: '#edebfe', fg: '#5521b5', dot: '#9061f9' },
  pink: { bg: '#fce8f3', fg: '#99154b', dot: '#e74694' },
};

const tagColourRules = Object.entries(TAG_PALETTE)
  .map(([name, c]) => `.c-${name}{background:${c.bg};color:${c.fg}}.d-${name}{background:${c.dot}}`)
  .join('\n');

/** Lifecycle stages (the dot) and RFM groups (the label): warm = needs care, green = healthy. */
const STAGE_COLOURS: Record<string, string> = {
  prospect: '#9ca3af',
  new: '#3b82f6',
  active: '#10b981',
  won_back: '#8b5cf6',
  at_risk: '#f59e0b',
  churned: '#ef4444',
};
const GROUP_COLOURS: Record<string, [string, string]> = {
  champions: ['#ecfdf5', '#065f46'],
  loyal: ['#ecfdf5', '#047857'],
  active: ['#f0fdf4', '#166534'],
  new: ['#eff6ff', '#1e40af'],
  promising: ['#eff6ff', '#1d4ed8'],
  needs_attention: ['#fffbeb', '#92400e'],
  at_risk: ['#fff7ed', '#9a3412'],
  almost_lost: ['#fef2f2', '#991b1b'],
  previously_loyal: ['#fdf4ff', '#86198f'],
  dormant: ['#f3f4f6', '#4b5563'],
  prospects: ['#f3f4f6', '#6b7280'],
};
const MARKER_CSS = `
${Object.entries(STAGE_COLOURS)
  .map(([s, c]) => `.s-${s}{--stage:${c}}`)
  .join('\n')}
${Object.entries(GROUP_COLOURS)
  .map(([g, [bg, fg]]) => `.g-${g}{background:${bg};color:${fg}}`)
  .join('\n')}
.stage-dot { display: inline-block; width: 8px; height: 8px; border-radius: 4px; background: var(--stage, #9ca3af); flex: none; }
.marker-wrap { position: relative; display: inline-flex; }
.marker { display: inline-flex; align-items: center; gap: 4px; height: 18px; padding: 0 7px 0 5px; border-radius: 4px; border: 0; font-size: 11px; font-weight: 600; white-space: nowrap; cursor: default; }
.tip { display: none; position: absolute; z-index: 10; left: 0; top: 22px; min-width: 180px; max-width: 260px; padding: 7px 9px; border-radius: 6px; background: #111827; color: #f9fafb; font-size: 11px; font-weight: 400; line-height: 1.5; white-space: normal; box-shadow: 0 6px 18px rgba(0,0,0,.25); }
.marker-wrap:hover .tip, .marker:focus-visible + .tip { display: block; }
`;

/** Shared by every root. */
const BASE_CSS = `
:host { all: initial; }
* { box-sizing: border-box; }
.bl { font: 12px/1.4 -apple-system, BlinkMacSystemFont, "Segoe UI", Roboto, "Noto Sans", "Liberation Sans", Arial, "PingFang SC", "Hiragino Sans GB", "Microsoft YaHei", "Noto Sans CJK SC", sans-serif; color: #1f2937; }
button { font: inherit; cursor: pointer; }
button:focus-visible, input:focus-visible, textarea:focus-visible, [tabindex]:focus-visible {
  outline: 2px solid #2563eb; outline-offset: 1px;
}
${tagColourRules}
`;

/**
 * Row hosts get only what chips need: thousands of shadow roots each resolve their own
 * styles, so every rule here is paid once per row.
 */
const CHIP_CSS = `
/* Chips beside a buyer's name */
.chips { display: inline-flex; flex-wrap: wrap; align-items: center; gap: 3px; margin-left: 6px; max-width: 260px; vertical-align: middle; }
.chip { display: inline-flex; align-items: center; gap: 2px; height: 18px; padding: 0 2px 0 7px; border-radius: 9px; font-size: 11px; font-weight: 500; white-space: nowrap; max-width: 120px; }
.chip-name { overflow: hidden; text-overflow: ellipsis; }
.chip-x { border: 0; background: transparent; color: inherit; opacity: .55; width: 14px; height: 14px; padding: 0; line-height: 12px; border-radius: 7px; font-size: 12px; }
.chip-x:hover { opacity: 1; background: rgba(0,0,0,.08); }
.chip.readonly { padding-right: 7px; }
.add { display: inline-flex; align-items: center; justify-content: center; width: 18px; height: 18px; border-radius: 9px; border: 1px dashed #9ca3af; background: #fff; color: #4b5563; padding: 0; font-size: 13px; line-height: 1; }
.add:hover { border-color: #2563eb; color: #2563eb; border-style: solid; }
${MARKER_CSS}
`;

const OVERLAY_CSS = `
/* Tag editor popover */
.editor { position: fixed; z-index: 2147483646; width: 280px; background: #fff; border: 1px solid #d1d5db; border-radius: 8px; box-shadow: 0 10px 30px rgba(15,23,42,.18); padding: 10px; }
.editor-head { display: flex; align-items: center; justify-content: space-between; gap: 8px; margin-bottom: 8px; }
.editor-title { font-weight: 600; font-size: 12px; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.icon-btn { border: 0; background: transparent; color: #6b7280; width: 22px; height: 22px; border-radius: 4px; font-size: 15px; line-height: 1; padding: 0; }
.icon-btn:hover { background: #f3f4f6; color: #111827; }
.editor-chips { display: flex; flex-wrap: wrap; gap: 4px; margin-bottom: 8px; }
.editor input { width: 100%; height: 30px; border: 1px solid #d1d5db; border-radius: 6px; padding: 0 8px; font: inherit; font-size: 13px; color: #111827; background: #fff; }
.editor input:focus { border-color: #2563eb; outline: none; box-shadow: 0 0 0 3px rgba(37,99,235,.18); }
.options { list-style: none; margin: 6px 0 0; padding: 0; max-height: 220px; overflow-y: auto; }
.option { display: flex; align-items: center; gap: 8px; padding: 5px 6px; border-radius: 5px; cursor: pointer; font-size: 12px; }
.option[aria-selected="true"] { background: #eff6ff; }
.option .dot { width: 10px; height: 10px; border-radius: 5px; flex: none; }
.option .name { flex: 1; overflow: hidden; text-overflow: ellipsis; white-space: nowrap; }
.option .check { color: #2563eb; font-weight: 700; }
.option.create .name { color: #1d4ed8; }
.palette { display: flex; gap: 5px; align-items: center; margin-top: 8px; padding-top: 8px; border-top: 1px solid #f1f5f9; }
.palette-label { color: #6b7280; font-size: 11px; margin-right: 2px; }
.swatch { width: 16px; height: 16px; border-radius: 8px; border: 2px solid #fff; box-shadow: 0 0 0 1px #d1d5db; padding: 0; }
.swatch[aria-pressed="true"] { box-shadow: 0 0 0 2px #111827; }
.hint { color: #6b7280; font-size: 11px; margin-top: 8px; }
.empty { color: #6b7280; font-size: 12px; padding: 6px 2px; }
.error { color: #b91c1c; background: #fef2f2; border-radius: 5px; padding: 5px 7px; margin-top: 6px; font-size: 12px; }

/* Bulk bar */
.bulk { position: fixed; left: 50%; bottom: 20px; transform: translateX(-50%); z-index: 2147483645; display: flex; align-items: center; gap: 10px; background: #111827; color: #f9fafb; border-radius: 10px; padding: 8px 10px 8px 14px; box-shadow: 0 10px 30px rgba(0,0,0,.3); font-size: 13px; }
.btn { height: 28px; padding: 0 12px; border-radius: 6px; border: 1px solid transparent; font-size: 12px; font-weight: 500; }
.btn-primary { background: #2563eb; color: #fff; }
.btn-primary:hover { background: #1d4ed8; }
.btn-ghost { background: transparent; color: inherit; border-color: rgba(255,255,255,.3); }
.btn-light { background: #fff; color: #374151; border-color: #d1d5db; }
.btn-light:hover { background: #f9fafb; }
.btn-danger { background: #dc2626; color: #fff; }
.btn:disabled { opacity: .5; cursor: default; }

/* Toast */
.toast { position: fixed; right: 20px; bottom: 20px; z-index: 2147483647; max-width: 360px; background: #111827; color: #fff; padding: 10px 14px; border-radius: 8px; font-size: 13px; box-shadow: 0 10px 30px rgba(0,0,0,.3); }
.toast.bad { background: #991b1b; }

`;

const PANEL_CSS = `
/* Profile panel */
.panel { display: block; width: 100%; background: #fff; border: 1px solid #e5e7eb; border-radius: 10px; overflow: hidden; font-size: 13px; }
.panel-head { display: flex; gap: 10px; align-items: center; padding: 12px 14px; border-bottom: 1px solid #f1f5f9; background: linear-gradient(180deg,#f8fafc,#fff); }
.avatar { width: 36px; height: 36px; border-radius: 18px; background: #2563eb; color: #fff; display: flex; align-items: center; justify-content: center; font-weight: 600; font-size: 15px; flex: none; }
.who { flex: 1; min-width: 0; }
.who-name { font-weight: 600; font-size: 14px; overflow-wrap: anywhere; }
.who-key { color: #6b7280; font-size: 11px; overflow-wrap: anywhere; }
.brand { color: #2563eb; font-size: 10px; font-weight: 600; letter-spacing: .04em; text-transform: uppercase; }
.section { padding: 10px 14px; border-bottom: 1px solid #f1f5f9; }
.section:last-child { border-bottom: 0; }
.section-title { font-size: 11px; font-weight: 600; color: #6b7280; text-transform: uppercase; letter-spacing: .04em; margin: 0 0 6px; }
.stats { display: grid; grid-template-columns: 1fr 1fr; gap: 8px; }
.stat { background: #f8fafc; border-radius: 8px; padding: 8px 10px; }
.stat-label { color: #6b7280; font-size: 11px; }
.stat-value { font-size: 17px; font-weight: 600; color: #111827; font-variant-numeric: tabular-nums; }
.panel .chips { margin-left: 0; max-width: none; }
.orders { list-style: none; margin: 0; padding: 0; }
.order { display: grid; grid-template-columns: 1fr auto; gap: 2px 8px; padding: 6px 0; border-top: 1px dashed #eef2f7; font-size: 12px; }
.order:first-child { border-top: 0; }
.order-id { color: #374151; font-variant-numeric: tabular-nums; }
.order-total { text-align: right; font-weight: 600; font-variant-numeric: tabular-nums; }
.order-meta { color: #6b7280; font-size: 11px; }
.order.uncounted .order-total { color: #9ca3af; text-decoration: line-through; }
.status { display: inline-block; padding: 0 6px; border-radius: 8px; background: #f3f4f6; color: #374151; font-size: 10px; margin-left: 4px; }
.muted { color: #6b7280; font-size: 12px; }
textarea { width: 100%; min-height: 64px; resize: vertical; border: 1px solid #d1d5db; border-radius: 6px; padding: 6px 8px; font: inherit; font-size: 13px; color: #111827; background: #fff; }
textarea:focus { border-color: #2563eb; outline: none; box-shadow: 0 0 0 3px rgba(37,99,235,.18); }
.row { display: flex; gap: 6px; justify-content: flex-end; align-items: center; margin-top: 6px; }
.row .grow { flex: 1; }
.notes { list-style: none; margin: 8px 0 0; padding: 0; }
.note { padding: 8px 10px; background: #fffbeb; border: 1px solid #fde68a; border-radius: 8px; margin-top: 6px; }
.note.conflict { background: #fef2f2; border-color: #fecaca; }
.note-text { white-space: pre-wrap; overflow-wrap: anywhere; word-break: break-word; font-size: 13px; color: #1f2937; }
.note-meta { display: flex; flex-wrap: wrap; gap: 2px 6px; align-items: center; margin-top: 4px; color: #92400e; font-size: 11px; }
.note-meta > * { white-space: nowrap; }
.note-meta .grow { flex: 1; }
.link { border: 0; background: transparent; color: #2563eb; padding: 0 2px; font-size: 11px; }
.link.danger { color: #b91c1c; }
.collapsed .section { display: none; }
.badges { display: flex; flex-wrap: wrap; gap: 6px; align-items: center; }
.badge { display: inline-flex; align-items: center; gap: 5px; height: 22px; padding: 0 9px; border-radius: 11px; font-size: 12px; font-weight: 600; background: #f3f4f6; }
.badge.s-prospect, .badge.s-new, .badge.s-active, .badge.s-won_back, .badge.s-at_risk, .badge.s-churned { background: #fff; border: 1px solid var(--stage); color: #111827; }
.badge[class*=" s-"]::before { content: ''; width: 8px; height: 8px; border-radius: 4px; background: var(--stage); }
.scores { display: inline-flex; gap: 4px; margin-left: auto; }
.score { font-variant-numeric: tabular-nums; font-size: 12px; background: #f8fafc; border: 1px solid #e5e7eb; border-radius: 5px; padding: 1px 5px; }
.score b { color: #6b7280; font-weight: 600; margin-right: 2px; }
.reasons { margin: 6px 0 0; padding-left: 16px; color: #4b5563; font-size: 12px; }
.reasons li { margin: 2px 0; }
.facts { display: grid; grid-template-columns: 1fr 1fr; gap: 6px; margin: 10px 0 0; }
.facts .stat { margin: 0; }
.facts dd { margin: 0; }
.facts .wide { grid-column: 1 / -1; }
.stat-value.small { font-size: 13px; }
.actions { list-style: none; margin: 0; padding: 0; }
.action { border: 1px solid #dbeafe; background: #f8fbff; border-radius: 8px; padding: 8px 10px; margin-top: 6px; }
.action:first-child { margin-top: 0; }
.action-text { font-weight: 600; color: #1e3a8a; overflow-wrap: anywhere; }
.action.k-win_back { border-color: #fed7aa; background: #fffaf5; }
.action.k-win_back .action-text { color: #9a3412; }
.action.k-complaint { border-color: #fecaca; background: #fffafa; }
.action.k-complaint .action-text { color: #991b1b; }
.chart { margin: 0 0 6px; }
.chart .bar { fill: #60a5fa; }
.chart .axis { fill: #e5e7eb; }
.chart .tick { font-size: 9px; fill: #9ca3af; }
.chart figcaption { font-size: 11px; }
.count { color: #9ca3af; font-weight: 400; text-transform: none; }
.orders { max-height: 260px; overflow-y: auto; }
.picker input { width: 100%; height: 32px; border: 1px solid #d1d5db; border-radius: 6px; padding: 0 8px; font: inherit; font-size: 13px; margin-top: 6px; }
.hits { list-style: none; margin: 6px 0 0; padding: 0; }
.hit { display: block; width: 100%; text-align: left; border: 0; background: transparent; padding: 6px 4px; border-radius: 5px; }
.hit:hover, .hit:focus-visible { background: #eff6ff; }
`;

export const CHIPS_ROOT_CSS = BASE_CSS + CHIP_CSS;
/** The overlay (editor, bulk bar, toasts) and the profile dock. */
export const UI_CSS = BASE_CSS + CHIP_CSS + OVERLAY_CSS + PANEL_CSS;
