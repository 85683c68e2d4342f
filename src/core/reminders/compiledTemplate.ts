import {
  CommentTag,
  defaultOperators,
  Drop,
  filters as builtinFilters,
  ForTag,
  IfTag,
  InlineCommentTag,
  isFalsy,
  isTruthy,
  Output,
  RawTag,
  toValue,
  toValueSync,
  TypeGuards,
  UnlessTag,
  type Liquid,
  type Template,
  type Token,
  type Value,
} from "liquidjs";

/**
 * A template's output for a context, or undefined when LiquidJS must decide: the template read
 * a value that strict rendering would refuse (a hole), or one this renderer does not mirror.
 */
export type CompiledRender = (context: Record<string, unknown>) => string | undefined;

/**
 * A LiquidJS template (as `engine.parse` gives it) turned into plain functions, for the subset
 * reminder templates use: text; `{{ value }}` with `default` filters; `if`/`elsif`/`else`,
 * `unless`; `for` over a list (with `limit`, `offset`, `reversed` and `forloop.index`…);
 * comments and `raw`; conditions with `==`, `!=`, `<`, `>`, `<=`, `>=`, `contains`, `and`,
 * `or`, `not`. LiquidJS renders through generators, which costs far more than the work itself
 * once a ledger drafts thousands of reminders. Anything else gives undefined, and so does an
 * engine whose options this does not mirror: LiquidJS then renders, as it always did.
 *
 * The functions follow LiquidJS step by step (scopes, strict and lenient lookups, truthiness,
 * `default`, comparisons, output escaping, stringifying), so where they return text it is
 * LiquidJS's text to the byte; where LiquidJS would throw, they return undefined.
 * @example compileTemplate(engine.parse("Hi {{ name | default: 'there' }}"), engine)?.({ name: "" }) // "Hi there"
 */
export function compileTemplate(templates: readonly Template[], engine: Liquid): CompiledRender | undefined {
  const options = engine.options;
  // The mirrored semantics are those of these options; others are LiquidJS's alone.
  if (!options.ownPropertyOnly || options.jsTruthy || options.keepOutputType || options.orderedFilterParameters || options.operators !== defaultOperators || Object.keys(options.globals ?? {}).length > 0) return undefined;
  const settings: Settings = { strict: !!options.strictVariables, lenientIf: !!options.lenientIf, escape: options.outputEscape as ((value: unknown) => unknown) | undefined };
  let write: Write;
  try {
    write = block(templates, [], settings);
  } catch {
    return undefined; // outside the subset (or a parse tree not as expected): LiquidJS renders it
  }
  const limit = options.renderLimit;
  return (context) => {
    // LiquidJS gives up on a render that runs past its time limit (a long loop, a slow value):
    // such a render is left to LiquidJS, checked in loops and once more at the end.
    renderDeadline = Number.isFinite(limit) ? performance.now() + limit : Infinity;
    try {
      const output = write(context, []);
      return performance.now() > renderDeadline ? undefined : output;
    } catch {
      // A hole, or an error from a value (a getter that throws): LiquidJS meets it again and
      // reports it as it always did.
      return undefined;
    }
  };
}

interface Settings {
  strict: boolean;
  lenientIf: boolean;
  escape?: (value: unknown) => unknown;
}

/** One running loop: its item and where it is, for `item` and `forloop`. */
interface Frame {
  item: unknown;
  index: number;
  length: number;
}

type Scope = Record<string, unknown>;
type Write = (scope: Scope, frames: Frame[]) => string;
type Evaluate = (scope: Scope, frames: Frame[]) => unknown;

/**
 * Thrown while compiling (a construct outside the subset) and while rendering (a value LiquidJS
 * would refuse, or one only LiquidJS knows how to treat). Made once: they are signals, and a
 * stack trace per abandoned render would cost more than the render.
 */
const UNSUPPORTED = new Error("outside the compiled subset");
const ABANDON = new Error("left to LiquidJS");
/** When the render under way must be left to LiquidJS, to time out there (renders do not overlap). */
let renderDeadline = Infinity;

const unsupported = (): never => {
  throw UNSUPPORTED;
};
const abandon = (): never => {
  throw ABANDON;
};

function block(templates: readonly Template[], loops: readonly string[], settings: Settings): Write {
  // Neighbouring constant text (text, comments, raw) is joined once, here.
  const pieces: (string | Write)[] = [];
  for (const template of templates) {
    const piece = node(template, loops, settings);
    const last = pieces.length - 1;
    if (typeof piece === "string" && typeof pieces[last] === "string") pieces[last] = (pieces[last] as string) + piece;
    else pieces.push(piece);
  }
  const writes = pieces.map((p) => (typeof p === "string" ? () => p : p));
  if (writes.length === 0) return () => "";
  if (writes.length === 1) return writes[0];
  return (scope, frames) => {
    let out = "";
    for (let i = 0; i < writes.length; i++) out += writes[i](scope, frames);
    return out;
  };
}

/** A node as its constant text, or as a function of the scope. */
function node(template: Template, loops: readonly string[], settings: Settings): string | Write {
  if (TypeGuards.isHTMLToken(template.token)) return template.token.getContent();
  if (template instanceof Output) return output(template, loops, settings);
  if (template instanceof IfTag) {
    const branches = template.branches.map((b) => ({ test: condition(b.value, loops, settings), write: block(b.templates, loops, settings) }));
    const otherwise = block(template.elseTemplates ?? [], loops, settings);
    return (scope, frames) => {
      for (const b of branches) if (!falsy(b.test(scope, frames))) return b.write(scope, frames);
      return otherwise(scope, frames);
    };
  }
  if (template instanceof UnlessTag) {
    const branches = template.branches.map((b) => {
      if (b.test !== isFalsy && b.test !== isTruthy) unsupported();
      return { when: b.test === isTruthy, test: condition(b.value, loops, settings), write: block(b.templates, loops, settings) };
    });
    const otherwise = block(template.elseTemplates, loops, settings);
    return (scope, frames) => {
      for (const b of branches) if (falsy(b.test(scope, frames)) !== b.when) return b.write(scope, frames);
      return otherwise(scope, frames);
    };
  }
  if (template instanceof ForTag) return forLoop(template, loops, settings);
  if (template instanceof CommentTag || template instanceof InlineCommentTag) return "";
  if (template instanceof RawTag) return (template.render() as string | undefined) ?? "";
  return unsupported();
}

function output(template: Output, loops: readonly string[], settings: Settings): Write {
  const { escape } = settings;
  const filters = [...template.value.filters];
  // LiquidJS appends the escape as a last filter when the engine escapes output.
  if (escape && filters.length > 0 && handlerOf(filters[filters.length - 1]) === escape) filters.pop();
  else if (escape) unsupported();
  const evaluate = value(template.value, filters, loops, settings, false);
  if (!escape) return (scope, frames) => stringify(evaluate(scope, frames));
  return (scope, frames) => stringify(escape(evaluate(scope, frames)));
}

/** An `if`/`unless` condition, evaluated as LiquidJS does: leniently when the engine says so. */
function condition(v: Value, loops: readonly string[], settings: Settings): Evaluate {
  const evaluate = value(v, [...v.filters], loops, settings, settings.lenientIf);
  return (scope, frames) => toValue(evaluate(scope, frames));
}

type FilterOf<V extends Value = Value> = V["filters"][number];
const handlerOf = (filter: FilterOf) => (filter as unknown as { handler: unknown }).handler;

/** A value and its filters; only `default` with one plain argument is mirrored. */
function value(v: Value, filters: readonly FilterOf[], loops: readonly string[], settings: Settings, lenient: boolean): Evaluate {
  // As LiquidJS: a first `default` makes a missing value lenient (when `lenientIf` is on).
  const isLenient = lenient || (settings.lenientIf && v.filters.length > 0 && v.filters[0].name === "default");
  let evaluate = expression(v.initial.postfix, loops, settings, isLenient);
  for (const filter of filters) {
    if (filter.name !== "default" || handlerOf(filter) !== builtinFilters.default || filter.args.length > 1) unsupported();
    const arg = filter.args[0];
    if (Array.isArray(arg)) unsupported(); // allow_false: and other keyword arguments
    const fallback = arg === undefined ? () => undefined : operand(arg as Token, loops, settings, false);
    const before = evaluate;
    evaluate = (scope, frames) => {
      const current = toValue(before(scope, frames));
      const alternative = fallback(scope, frames);
      if (Array.isArray(current) || typeof current === "string") return current.length ? current : alternative;
      return falsy(current) ? alternative : current;
    };
  }
  return evaluate;
}

type Binary = (left: unknown, right: unknown) => unknown;

/** Primitive operands compared natively; anything else (drops such as `empty`, arrays, objects) by LiquidJS's own operator. */
const COMPARISONS: Record<string, Binary> = {
  "==": (l, r) => l === r,
  "!=": (l, r) => l !== r,
  ">": (l, r) => (l as number) > (r as number),
  "<": (l, r) => (l as number) < (r as number),
  ">=": (l, r) => (l as number) >= (r as number),
  "<=": (l, r) => (l as number) <= (r as number),
  contains: (l, r) => (typeof l === "string" ? l.indexOf(r as string) > -1 : false),
};
const isPrimitive = (v: unknown) => v === null || (typeof v !== "object" && typeof v !== "function");
const OPERATOR_CONTEXT = { opts: { jsTruthy: false } };

/** LiquidJS keeps an expression in postfix order; it is rebuilt here as nested functions. */
function expression(postfix: readonly Token[], loops: readonly string[], settings: Settings, lenient: boolean): Evaluate {
  const stack: Evaluate[] = [];
  for (const token of postfix) {
    if (!TypeGuards.isOperatorToken(token)) {
      stack.push(operand(token, loops, settings, lenient));
      continue;
    }
    const op = token.operator;
    if (op === "not") {
      const v = stack.pop() ?? unsupported();
      stack.push((scope, frames) => falsy(v(scope, frames)));
      continue;
    }
    const r = stack.pop() ?? unsupported();
    const l = stack.pop() ?? unsupported();
    // Both sides are worked out whatever the left one is, as in LiquidJS: a hole on the right
    // is a hole even when the left decides.
    if (op === "and" || op === "or") {
      const and = op === "and";
      stack.push((scope, frames) => {
        const left = !falsy(l(scope, frames));
        const right = !falsy(r(scope, frames));
        return and ? left && right : left || right;
      });
    } else {
      const native = Object.prototype.hasOwnProperty.call(COMPARISONS, op) ? COMPARISONS[op] : unsupported();
      const liquid = defaultOperators[op];
      stack.push((scope, frames) => {
        const left = l(scope, frames);
        const right = r(scope, frames);
        if (isPrimitive(left) && isPrimitive(right)) return native(left, right);
        return toValueSync(liquid(left, right, OPERATOR_CONTEXT as never));
      });
    }
  }
  // A malformed expression (`{% if a b %}`) is LiquidJS's to judge.
  if (stack.length !== 1) unsupported();
  return stack[0];
}

/** A literal, or a variable read as LiquidJS reads it. */
function operand(token: Token, loops: readonly string[], settings: Settings, lenient: boolean): Evaluate {
  if ("content" in token) {
    const content = (token as { content: unknown }).content;
    return () => content;
  }
  if (!TypeGuards.isPropertyAccessToken(token)) return unsupported(); // ranges, grouped expressions
  const keys = token.props.map((prop) => {
    const key = "content" in prop ? toValue((prop as { content: unknown }).content) : undefined;
    return typeof key === "string" || typeof key === "number" ? key : unsupported(); // [variable] lookups
  });
  const { strict } = settings;
  // After every step, as LiquidJS's strict lookup: undefined is a hole; a lenient read
  // (an `if`, a `default`) sees it as nil, anything else is left to LiquidJS to report.
  const settle = (v: unknown) => (v !== undefined || !strict ? v : lenient ? null : abandon());
  const follow = (start: unknown, from: number) => {
    let v = start;
    for (let i = from; i < keys.length; i++) {
      if (strict && v === undefined) return lenient ? null : abandon();
      v = readProperty(v, keys[i]);
    }
    return settle(v);
  };

  if (token.variable) {
    if (!("content" in token.variable)) return unsupported();
    const start = (token.variable as { content: unknown }).content;
    return () => follow(start, 0);
  }
  const root = keys[0];
  if (typeof root !== "string") return unsupported();
  // Loops are scopes above the context: the innermost naming the variable wins, and every loop
  // names `forloop`.
  for (let depth = loops.length - 1; depth >= 0; depth--) {
    if (loops[depth] === root) {
      return (_scope, frames) => {
        const item = frames[depth].item;
        return typeof item === "function" ? abandon() : follow(item, 1);
      };
    }
    if (root === "forloop") {
      const property = keys[1];
      const read = typeof property === "string" && Object.prototype.hasOwnProperty.call(FORLOOP, property) ? FORLOOP[property] : unsupported();
      return (_scope, frames) => follow(read(frames[depth]), 2);
    }
  }
  // A name the context lacks reads as undefined (own properties only), except those LiquidJS
  // answers from whatever object it falls back on.
  if (root === "size" || root === "first" || root === "last") return (scope) => (Object.prototype.hasOwnProperty.call(scope, root) ? follow(readProperty(scope, root), 1) : abandon());
  return (scope) => follow(Object.prototype.hasOwnProperty.call(scope, root) ? readProperty(scope, root) : undefined, 1);
}

/** What `forloop.…` answers in LiquidJS. */
const FORLOOP: Record<string, (frame: Frame) => unknown> = {
  index: (f) => f.index + 1,
  index0: (f) => f.index,
  first: (f) => f.index === 0,
  last: (f) => f.index === f.length - 1,
  rindex: (f) => f.length - f.index,
  rindex0: (f) => f.length - f.index - 1,
  length: (f) => f.length,
};

/** LiquidJS's `readProperty` with `ownPropertyOnly`, for values that are not drops. */
function readProperty(obj: unknown, key: string | number): unknown {
  if (obj === null || obj === undefined) return obj;
  if (obj instanceof Drop || typeof (obj as { toLiquid?: unknown }).toLiquid === "function") return abandon();
  const own = (k: string | number) => Object.prototype.hasOwnProperty.call(obj, k);
  if (Array.isArray(obj) && typeof key === "number") {
    const index = key < 0 ? obj.length + key : key;
    return own(index) ? obj[index] : undefined;
  }
  const value = own(key) ? (obj as Record<string | number, unknown>)[key] : undefined;
  if (typeof value === "function") return abandon(); // LiquidJS would call it
  if (key === "size") {
    const size = (obj as { size?: unknown }).size;
    if (own("size") || size !== undefined) return size;
    if (Array.isArray(obj) || typeof obj === "string") return obj.length;
    return typeof obj === "object" ? Object.keys(obj).length : undefined;
  }
  if (Array.isArray(obj) && (key === "first" || key === "last")) {
    const index = key === "first" ? 0 : obj.length - 1;
    return own(index) ? obj[index] : undefined;
  }
  return value;
}

const MODIFIERS = new Set(["offset", "limit", "reversed"]);

function forLoop(tag: ForTag, loops: readonly string[], settings: Settings): Write {
  // LiquidJS puts the item where its loop state is and then fails on its next step.
  if (tag.variable === "forloop") unsupported();
  const collection = operand(tag.collection as Token, loops, settings, false);
  const hash = tag.hash.hash;
  let offset: number | undefined;
  let limit: number | undefined;
  let reversed = false;
  for (const [name, token] of Object.entries(hash)) {
    if (!MODIFIERS.has(name)) unsupported();
    if (name === "reversed") {
      if (token !== undefined) unsupported();
      reversed = true;
      continue;
    }
    const count = token && TypeGuards.isNumberToken(token) ? token.content : unsupported();
    if (name === "offset") offset = count;
    else limit = count;
  }
  const body = block(tag.templates, [...loops, tag.variable], settings);
  const otherwise = block(tag.elseTemplates, loops, settings);
  return (scope, frames) => {
    let list = toEnumerable(collection(scope, frames));
    if (!list.length) return otherwise(scope, frames);
    // In LiquidJS's order: offset, then limit, then reversed.
    if (offset !== undefined) list = list.slice(offset);
    if (limit !== undefined) list = list.slice(0, limit);
    if (reversed) list = [...list].reverse();
    const frame: Frame = { item: undefined, index: 0, length: list.length };
    frames.push(frame);
    let out = "";
    for (let i = 0; i < list.length; i++) {
      if (performance.now() > renderDeadline) abandon();
      frame.item = list[i];
      frame.index = i;
      out += body(scope, frames);
    }
    frames.pop();
    return out;
  };
}

/** What a `for` walks, as LiquidJS's `toEnumerable`. */
function toEnumerable(collection: unknown): unknown[] {
  const v = toValue(collection);
  if (Array.isArray(v)) return v;
  if (typeof v === "string") return v.length > 0 ? [v] : [];
  if (v === null || (typeof v !== "object" && typeof v !== "function")) return [];
  if (Symbol.iterator in v) return Array.from(v as Iterable<unknown>);
  return Object.keys(v).map((key) => [key, (v as Record<string, unknown>)[key]]);
}

/** Liquid's truthiness, LiquidJS's own test: only false, nil and undefined are false; "" and 0 are true. */
const falsy = (value: unknown): boolean => isFalsy(value, OPERATOR_CONTEXT as never);

/** Output as LiquidJS writes it: nil is empty, a list is its items run together. */
function stringify(value: unknown): string {
  const v = toValue(value);
  if (typeof v === "string") return v;
  if (v === null || v === undefined) return "";
  if (Array.isArray(v)) return v.map(stringify).join("");
  return String(v);
}
