/**
 * Proxy objects of the fake Excel host (a stand-in for Excel written for tests): the part of the
 * Excel JavaScript API that AR Desk uses, with Office.js's request model.
 *
 * - Method calls and property writes are queued; they run, in order, only on `context.sync()`.
 * - `load()` is queued too; a scalar property can be read only after it was loaded AND synced,
 *   otherwise reading throws PropertyNotLoaded, like Office.js.
 * - Each sync measures its request (JSON of the queued operations and payloads, in UTF-8 bytes);
 *   over the limit (5 MB) the whole batch is rejected with RequestPayloadSizeLimitExceeded.
 */
import { formatRect, MAX_COLUMNS, MAX_ROWS, type Rect } from "./address";
import { FakeErrorCodes, FakeOfficeError, propertyNotLoaded } from "./errors";
import { bodyRect, fail, headerRect, tableRect, totalsRect, type NameState, type SheetState, type TableState, type Visibility, type WorkbookState } from "./state";
import {
  checkChartType,
  checkColor,
  checkSeriesRange,
  LEGEND_POSITIONS,
  newConditionalFormat,
  seriesFromSource,
  setCellValueRule,
  setColorScaleCriteria,
  type CellValueRule,
  type ChartState,
  type ColorScaleCriteria,
  type ConditionalFormatState,
  type SeriesState,
} from "./visuals";

export interface SyncRecord {
  requestBytes: number;
  responseBytes: number;
  operations: number;
  suspendedCalculation: boolean;
  ok: boolean;
  error?: string;
}

export interface FakeStats {
  runCount: number;
  syncCount: number;
  rejectedSyncs: number;
  largestRequestBytes: number;
  totalRequestBytes: number;
  largestResponseBytes: number;
  /** One entry per sync, in order. */
  syncs: SyncRecord[];
  /** Syncs whose batch called suspendApiCalculationUntilNextSync(). */
  suspendedCalculationSyncs: number;
  /** Calls of TableRowCollection.add (AR Desk must never loop over it). */
  tableRowAddCalls: number;
}

export function emptyStats(): FakeStats {
  return {
    runCount: 0,
    syncCount: 0,
    rejectedSyncs: 0,
    largestRequestBytes: 0,
    totalRequestBytes: 0,
    largestResponseBytes: 0,
    syncs: [],
    suspendedCalculationSyncs: 0,
    tableRowAddCalls: 0,
  };
}

export interface HostLimits {
  requestLimitBytes: number;
  /** Excel on the web also limits responses to 5 MB; off by default (Infinity), see README. */
  responseLimitBytes: number;
}

/** What the host's Office.js library has beyond the baseline. */
export interface HostFeatures {
  /**
   * Workbook.use1904DateSystem, a preview API (the beta office.js; no ExcelApi requirement set has
   * it yet). Without it the property is absent from the Workbook proxy and loading it fails the sync.
   */
  use1904DateSystem: boolean;
}

export interface Host {
  state: WorkbookState;
  stats: FakeStats;
  limits: HostLimits;
  features: HostFeatures;
  /** Tests' stand-in for a co-author: changes the workbook just before a sync's batch runs. */
  beforeSync?: (sync: number) => void;
}

const encoder = new TextEncoder();
export function byteLength(json: string): number {
  return encoder.encode(json).length;
}

interface Op {
  desc: unknown;
  run: (batch: Batch) => void;
}

interface Batch {
  staged: (() => void)[];
  responseBytes: number;
  suspended: boolean;
}

const NULL = Symbol("null object");
type Entity = unknown;

let nextObjectId = 1;

// -------------------------------------------------------------------------------------------
// Request context
// -------------------------------------------------------------------------------------------

export class RequestContext {
  readonly workbook: Workbook;
  readonly trackedObjects = { add: (_: unknown) => undefined, remove: (_: unknown) => undefined };
  /** @internal */ _ops: Op[] = [];
  /** @internal */ _created: ClientObject[] = [];
  /** @internal */ _closed = false;

  constructor(/** @internal */ readonly _host: Host) {
    this.workbook = new Workbook(this, () => _host.state);
  }

  /** @internal */
  _queue(op: Op): void {
    if (this._closed) throw new FakeOfficeError(FakeErrorCodes.invalidRequestContext, "Cannot use the object across different request contexts: its Excel.run has ended.");
    this._ops.push(op);
  }

  async sync(): Promise<void> {
    if (this._closed) throw new FakeOfficeError(FakeErrorCodes.invalidRequestContext, "The request context was used after its Excel.run ended.");
    const ops = this._ops;
    const created = this._created;
    this._ops = [];
    this._created = [];
    const { stats, limits } = this._host;
    const requestBytes = byteLength(JSON.stringify(ops.map((o) => o.desc)));
    const record: SyncRecord = { requestBytes, responseBytes: 0, operations: ops.length, suspendedCalculation: false, ok: false };
    stats.syncCount++;
    stats.syncs.push(record);
    stats.totalRequestBytes += requestBytes;
    stats.largestRequestBytes = Math.max(stats.largestRequestBytes, requestBytes);
    await Promise.resolve(); // a round trip is always asynchronous
    // Another user's edit can land between this add-in's round trips.
    this._host.beforeSync?.(stats.syncCount);
    const reject = (error: FakeOfficeError): never => {
      for (const o of created) o._poison();
      stats.rejectedSyncs++;
      record.error = error.code;
      throw error;
    };
    if (requestBytes > limits.requestLimitBytes) {
      reject(
        new FakeOfficeError(
          FakeErrorCodes.requestPayloadSizeLimitExceeded,
          `The request payload size has exceeded the limit (${requestBytes} bytes > ${limits.requestLimitBytes}). Please refer to the documentation: "https://docs.microsoft.com/office/dev/add-ins/concepts/resource-limits-and-performance-optimization#excel-add-ins".`,
        ),
      );
    }
    const batch: Batch = { staged: [], responseBytes: 0, suspended: false };
    for (const op of ops) {
      try {
        op.run(batch);
      } catch (error) {
        if (error instanceof FakeOfficeError) reject(error);
        reject(new FakeOfficeError(FakeErrorCodes.generalException, `fakeExcel internal error: ${error instanceof Error ? error.message : String(error)}`));
      }
    }
    record.responseBytes = batch.responseBytes;
    stats.largestResponseBytes = Math.max(stats.largestResponseBytes, batch.responseBytes);
    if (batch.responseBytes > limits.responseLimitBytes) {
      reject(new FakeOfficeError(FakeErrorCodes.responsePayloadSizeLimitExceeded, `The response payload size has exceeded the limit (${batch.responseBytes} bytes).`));
    }
    for (const apply of batch.staged) apply();
    for (const o of created) o._afterSync();
    record.ok = true;
    record.suspendedCalculation = batch.suspended;
    if (batch.suspended) stats.suspendedCalculationSyncs++;
  }
}

// -------------------------------------------------------------------------------------------
// Client objects
// -------------------------------------------------------------------------------------------

interface ObjectOptions {
  /** Created by a method call (queued, resolved at its place in the batch). */
  method?: { name: string; args: unknown[] };
  orNull?: boolean;
  /** Already bound to this entity (collection items after a load). */
  entity?: Entity;
}

export abstract class ClientObject {
  /** @internal */ readonly _id = nextObjectId++;
  /** @internal */ _loaded = new Map<string, unknown>();
  private _entity: Entity | undefined;
  private _bound = false;
  private _poisoned = false;
  private _pendingResolve = false;
  private _synced = false;
  private _isNull = false;
  private readonly _orNull: boolean;
  private _children = new Map<string, ClientObject>();

  protected abstract readonly _className: string;
  /** Scalar properties `load()` without arguments loads. */
  protected abstract readonly _scalars: readonly string[];

  constructor(
    /** @internal */ readonly _ctx: RequestContext,
    private readonly _resolver: () => Entity,
    options: ObjectOptions = {},
  ) {
    this._orNull = options.orNull ?? false;
    if (options.entity !== undefined) {
      this._entity = options.entity;
      this._bound = true;
      this._synced = true;
    } else {
      _ctx._created.push(this);
    }
    if (options.method) {
      this._pendingResolve = true;
      _ctx._queue({
        desc: { id: this._id, method: options.method.name, args: options.method.args },
        run: () => {
          this._pendingResolve = false;
          this._resolve();
        },
      });
    }
  }

  get isNullObject(): boolean {
    if (!this._synced) throw propertyNotLoaded(this._className, "isNullObject", " (isNullObject is known only after context.sync())");
    return this._isNull;
  }

  /** @internal */
  _poison(): void {
    if (this._pendingResolve) this._poisoned = true;
  }

  /** @internal */
  _afterSync(): void {
    if (this._bound) {
      this._synced = true;
      this._isNull = this._entity === NULL;
    }
  }

  /** @internal The entity this proxy stands for, bound on first use inside a sync. */
  _resolve(): Entity {
    if (this._poisoned) throw new FakeOfficeError(FakeErrorCodes.invalidObjectPath, `The object path of this ${this._className} is not valid: it was created in a batch that failed.`);
    if (!this._bound) {
      try {
        this._entity = this._resolver();
      } catch (error) {
        if (!this._orNull || !(error instanceof FakeOfficeError) || error.code !== FakeErrorCodes.itemNotFound) throw error;
        this._entity = NULL;
      }
      this._bound = true;
    }
    const e = this._entity === NULL ? null : (this._entity as { deleted?: boolean; sheet?: { deleted?: boolean } } | null);
    if (e && typeof e === "object" && (e.deleted || e.sheet?.deleted)) {
      throw new FakeOfficeError(FakeErrorCodes.invalidObjectPath, `The ${this._className} was deleted.`);
    }
    return this._entity;
  }

  /** @internal Entity for a write: null objects cannot be written. */
  protected _target<T>(): T {
    const e = this._resolve();
    if (e === NULL) fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist (${this._className} is a null object).`);
    return e as T;
  }

  /** @internal A child object resolved through this one; children of a null object are null. */
  protected _child<T extends ClientObject>(key: string, make: (resolver: () => Entity) => T): T {
    let child = this._children.get(key) as T | undefined;
    if (!child) {
      child = make(() => {
        const parent = this._resolve();
        return parent === NULL ? NULL : this._childEntity(key, parent);
      });
      this._children.set(key, child);
    }
    return child;
  }

  /** @internal */
  protected _childEntity(key: string, parent: Entity): Entity {
    void parent;
    throw new Error(`no child ${key}`);
  }

  /** @internal A child created by a method call (queued). */
  protected _method<T extends ClientObject>(
    name: string,
    args: unknown[],
    Ctor: new (ctx: RequestContext, resolver: () => Entity, options?: ObjectOptions) => T,
    resolve: (parent: never) => Entity,
    orNull = false,
  ): T {
    return new Ctor(
      this._ctx,
      () => {
        const parent = this._resolve();
        return parent === NULL ? NULL : resolve(parent as never);
      },
      { method: { name: `${this._className}.${name}`, args }, orNull },
    );
  }

  /** @internal Queues a property write or method call that changes the workbook. */
  protected _write(name: string, payload: unknown, apply: (entity: never, batch: Batch) => void): void {
    this._ctx._queue({
      desc: { id: this._id, op: `${this._className}.${name}`, value: payload },
      run: (batch) => apply(this._target<never>(), batch),
    });
  }

  /** @internal */
  protected _get<T>(prop: string): T {
    if (this._synced && this._isNull) throw propertyNotLoaded(this._className, prop, " (the object is a null object)");
    if (!this._loaded.has(prop)) throw propertyNotLoaded(this._className, prop);
    return this._loaded.get(prop) as T;
  }

  /** @internal Value of a scalar property, read from the entity while a sync runs. */
  protected abstract _read(entity: never, prop: string): unknown;

  /** @internal Navigation property (a child object) for load paths like "worksheet/name". */
  protected _nav(prop: string): ClientObject | undefined {
    void prop;
    return undefined;
  }

  load(props?: string | string[] | { select?: string; expand?: string }): this {
    const paths = normalisePaths(props);
    this._ctx._queue({ desc: { id: this._id, op: "load", props: paths }, run: (batch) => this._loadNow(paths, batch) });
    return this;
  }

  /** @internal */
  _loadNow(paths: string[], batch: Batch): void {
    const entity = this._resolve();
    if (entity === NULL) return;
    const scalars = paths.length ? [] : [...this._scalars];
    const navs = new Map<string, string[]>();
    for (const path of paths) {
      const [head, ...rest] = path.split("/");
      const nav = this._nav(head);
      if (nav) {
        const sub = navs.get(head) ?? [];
        if (rest.length) sub.push(rest.join("/"));
        navs.set(head, sub);
      } else if (rest.length === 0) {
        scalars.push(head);
      } else {
        fail(FakeErrorCodes.invalidArgument, `Cannot load "${path}" on ${this._className}.`);
      }
    }
    for (const prop of scalars) {
      const value = this._read(entity as never, prop);
      if (value === undefined) fail(FakeErrorCodes.invalidArgument, `The property '${prop}' does not exist on ${this._className} (in the fake host).`);
      batch.responseBytes += byteLength(JSON.stringify(value)) + prop.length + 4;
      batch.staged.push(() => this._loaded.set(prop, value));
    }
    for (const [head, sub] of navs) this._nav(head)!._loadNow(sub, batch);
  }

  toJSON(): Record<string, unknown> {
    return Object.fromEntries(this._loaded);
  }
}

function normalisePaths(props?: string | string[] | { select?: string; expand?: string }): string[] {
  let list: string[] = [];
  if (typeof props === "string") list = props.split(",");
  else if (Array.isArray(props)) list = props;
  else if (props && typeof props === "object") list = [...(props.select ?? "").split(","), ...(props.expand ?? "").split(",")];
  return list.map((p) => p.trim()).filter((p) => p !== "");
}

/** A collection: `items` is readable after load + sync. */
abstract class Collection<T extends ClientObject> extends ClientObject {
  protected abstract _list(entity: never): Entity[];
  protected abstract _item(entity: Entity): T;

  get items(): T[] {
    return this._get<T[]>("items");
  }

  protected override _read(entity: never, prop: string): unknown {
    if (prop === "count") return this._list(entity).length;
    return undefined;
  }

  override _loadNow(paths: string[], batch: Batch): void {
    const entity = this._resolve();
    if (entity === NULL) return;
    const itemPaths: string[] = [];
    for (const p of paths) {
      if (p === "count") {
        const count = this._list(entity as never).length;
        batch.staged.push(() => this._loaded.set("count", count));
      } else if (p === "items") continue;
      else itemPaths.push(p.startsWith("items/") ? p.slice(6) : p);
    }
    if (itemPaths.length === 0 && paths.some((p) => p === "count")) return;
    const items = this._list(entity as never).map((e) => this._item(e));
    for (const item of items) item._loadNow(itemPaths, batch);
    batch.staged.push(() => this._loaded.set("items", items));
  }
}

// -------------------------------------------------------------------------------------------
// Workbook, application
// -------------------------------------------------------------------------------------------

interface RangeEntity {
  sheet: SheetState;
  rect: Rect;
}

export class Workbook extends ClientObject {
  protected readonly _className = "Workbook";
  protected readonly _scalars = [] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }

  constructor(ctx: RequestContext, resolver: () => Entity) {
    super(ctx, resolver);
    // Only a library that has the API has the property: code detects it with `"use1904DateSystem" in workbook`.
    if (ctx._host.features.use1904DateSystem) {
      Object.defineProperty(this, "use1904DateSystem", { get: () => this._get<boolean>("use1904DateSystem"), enumerable: true });
    }
  }

  get worksheets(): WorksheetCollection {
    return this._child("worksheets", (r) => new WorksheetCollection(this._ctx, r));
  }
  get tables(): TableCollection {
    return this._child("tables", (r) => new TableCollection(this._ctx, r));
  }
  get application(): Application {
    return this._child("application", (r) => new Application(this._ctx, r));
  }
  /** Names scoped to the workbook (ExcelApi 1.1); a sheet's own are on Worksheet.names. */
  get names(): NamedItemCollection {
    return this._child("names", (r) => new NamedItemCollection(this._ctx, r));
  }
  protected override _childEntity(key: string): Entity {
    if (key === "worksheets") return { all: true };
    if (key === "tables" || key === "names") return { sheet: null };
    return this.state();
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "worksheets") return this.worksheets;
    if (prop === "tables") return this.tables;
    return undefined;
  }
  protected override _read(_: never, prop: string): unknown {
    if (prop === "use1904DateSystem" && this._ctx._host.features.use1904DateSystem) return this.state().date1904;
    return undefined;
  }

  getSelectedRange(): Range {
    return this._method("getSelectedRange", [], Range, () => {
      const s = this.state();
      if (s.selection) return { sheet: s.selection.sheet, rect: s.selection.rect } satisfies RangeEntity;
      const sheet = s.activeSheet ?? fail(FakeErrorCodes.itemNotFound, "No active sheet.");
      return { sheet, rect: { r1: 1, c1: 1, r2: 1, c2: 1 } } satisfies RangeEntity;
    });
  }
  getActiveCell(): Range {
    return this._method("getActiveCell", [], Range, () => {
      const s = this.state();
      if (s.selection) return { sheet: s.selection.sheet, rect: { r1: s.selection.rect.r1, c1: s.selection.rect.c1, r2: s.selection.rect.r1, c2: s.selection.rect.c1 } };
      const sheet = s.activeSheet ?? fail(FakeErrorCodes.itemNotFound, "No active sheet.");
      return { sheet, rect: { r1: 1, c1: 1, r2: 1, c2: 1 } };
    });
  }
}

export class Application extends ClientObject {
  protected readonly _className = "Application";
  protected readonly _scalars = ["calculationMode"] as const;
  protected override _read(_: never, prop: string): unknown {
    return prop === "calculationMode" ? "Automatic" : undefined;
  }
  suspendApiCalculationUntilNextSync(): void {
    this._write("suspendApiCalculationUntilNextSync", null, (_e, batch) => {
      batch.suspended = true;
    });
  }
  calculate(calculationType: string): void {
    this._write("calculate", calculationType, () => undefined);
  }
}

// -------------------------------------------------------------------------------------------
// Worksheets
// -------------------------------------------------------------------------------------------

export class WorksheetCollection extends Collection<Worksheet> {
  protected readonly _className = "WorksheetCollection";
  protected readonly _scalars = [] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }
  protected _list(): Entity[] {
    return [...this.state().sheets];
  }
  protected _item(entity: Entity): Worksheet {
    return new Worksheet(this._ctx, () => entity, { entity });
  }
  add(name?: string): Worksheet {
    return this._method("add", [name ?? null], Worksheet, () => this.state().addSheet(name));
  }
  getItem(key: string): Worksheet {
    return this._method("getItem", [key], Worksheet, () => this.byKey(key));
  }
  getItemOrNullObject(key: string): Worksheet {
    return this._method("getItemOrNullObject", [key], Worksheet, () => this.byKey(key), true);
  }
  getActiveWorksheet(): Worksheet {
    return this._method("getActiveWorksheet", [], Worksheet, () => this.state().activeSheet ?? fail(FakeErrorCodes.itemNotFound, "No active worksheet."));
  }
  private byKey(key: string): SheetState {
    return this.state().sheets.find((s) => s.id === key) ?? this.state().sheetOrFail(key);
  }
}

export class Worksheet extends ClientObject {
  protected readonly _className = "Worksheet";
  protected readonly _scalars = ["name", "id", "position", "visibility"] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }

  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._write("name", value, (s: SheetState) => this.state().renameSheet(s, value));
  }
  get id(): string {
    return this._get("id");
  }
  get position(): number {
    return this._get("position");
  }
  set position(value: number) {
    this._write("position", value, (s: SheetState) => this.state().setPosition(s, value));
  }
  get visibility(): Visibility {
    return this._get("visibility");
  }
  set visibility(value: Visibility) {
    this._write("visibility", value, (s: SheetState) => this.state().setVisibility(s, value));
  }
  get tables(): TableCollection {
    return this._child("tables", (r) => new TableCollection(this._ctx, r));
  }
  get charts(): ChartCollection {
    return this._child("charts", (r) => new ChartCollection(this._ctx, r));
  }
  get freezePanes(): WorksheetFreezePanes {
    return this._child("freezePanes", (r) => new WorksheetFreezePanes(this._ctx, r));
  }
  /** Names scoped to this sheet (ExcelApi 1.4). */
  get names(): NamedItemCollection {
    return this._child("names", (r) => new NamedItemCollection(this._ctx, r));
  }
  protected override _childEntity(key: string, parent: Entity): Entity {
    return key === "tables" || key === "names" ? { sheet: parent } : parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    return prop === "tables" ? this.tables : undefined;
  }
  protected override _read(s: SheetState, prop: string): unknown {
    switch (prop) {
      case "name":
        return s.name;
      case "id":
        return s.id;
      case "position":
        return this.state().sheets.indexOf(s);
      case "visibility":
        return s.visibility;
      default:
        return undefined;
    }
  }

  getRange(address?: string): Range {
    return this._method("getRange", [address ?? null], Range, (s: SheetState) => ({
      sheet: s,
      rect: address === undefined || address === "" ? { r1: 1, c1: 1, r2: MAX_ROWS, c2: MAX_COLUMNS } : this.state().rectOn(s, address),
    }));
  }
  getRangeByIndexes(startRow: number, startColumn: number, rowCount: number, columnCount: number): Range {
    return this._method("getRangeByIndexes", [startRow, startColumn, rowCount, columnCount], Range, (s: SheetState) => {
      if (rowCount < 1 || columnCount < 1) fail(FakeErrorCodes.invalidArgument, "Row and column counts must be at least 1.");
      return { sheet: s, rect: { r1: startRow + 1, c1: startColumn + 1, r2: startRow + rowCount, c2: startColumn + columnCount } };
    });
  }
  getCell(row: number, column: number): Range {
    return this._method("getCell", [row, column], Range, (s: SheetState) => ({ sheet: s, rect: { r1: row + 1, c1: column + 1, r2: row + 1, c2: column + 1 } }));
  }
  getUsedRange(valuesOnly = false): Range {
    return this._method("getUsedRange", [valuesOnly], Range, (s: SheetState) => ({ sheet: s, rect: s.usedRect(valuesOnly) ?? { r1: 1, c1: 1, r2: 1, c2: 1 } }));
  }
  getUsedRangeOrNullObject(valuesOnly = false): Range {
    return this._method(
      "getUsedRangeOrNullObject",
      [valuesOnly],
      Range,
      (s: SheetState) => {
        const rect = s.usedRect(valuesOnly) ?? fail(FakeErrorCodes.itemNotFound, "The sheet is empty.");
        return { sheet: s, rect };
      },
      true,
    );
  }
  delete(): void {
    this._write("delete", null, (s: SheetState) => this.state().deleteSheet(s));
  }
  activate(): void {
    this._write("activate", null, (s: SheetState) => {
      if (s.visibility !== "Visible") fail(FakeErrorCodes.invalidOperation, "A hidden sheet cannot be activated.");
      const st = this.state();
      st.activeSheet = s;
      if (st.selection?.sheet !== s) st.selection = null;
    });
  }
}

// -------------------------------------------------------------------------------------------
// Defined names
// -------------------------------------------------------------------------------------------

/** The names of one scope: the workbook's (scope sheet null) or one sheet's. */
export class NamedItemCollection extends Collection<NamedItem> {
  protected readonly _className = "NamedItemCollection";
  protected readonly _scalars = [] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }
  protected _list(scope: { sheet: SheetState | null }): Entity[] {
    return this.state().names.filter((n) => n.sheet === scope.sheet);
  }
  protected _item(entity: Entity): NamedItem {
    return new NamedItem(this._ctx, () => entity, { entity });
  }
  add(name: string, reference: string | Range, comment?: string): NamedItem {
    void comment;
    const formula = typeof reference === "string" ? reference : `range#${reference._id}`;
    return this._method("add", [name, formula], NamedItem, (scope: { sheet: SheetState | null }) => {
      if (typeof reference === "string") return this.state().addName(name, reference, scope.sheet);
      const range = reference._resolve() as RangeEntity;
      return this.state().addName(name, `=${this.state().addressOf(range.sheet, range.rect)}`, scope.sheet);
    });
  }
  getItem(name: string): NamedItem {
    return this._method("getItem", [name], NamedItem, (scope: { sheet: SheetState | null }) => this.byName(scope, name));
  }
  getItemOrNullObject(name: string): NamedItem {
    return this._method("getItemOrNullObject", [name], NamedItem, (scope: { sheet: SheetState | null }) => this.byName(scope, name), true);
  }
  private byName(scope: { sheet: SheetState | null }, name: string): NameState {
    return this.state().findName(name, scope.sheet) ?? fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist: the name "${name}".`);
  }
}

export class NamedItem extends ClientObject {
  protected readonly _className = "NamedItem";
  protected readonly _scalars = ["name", "formula", "scope", "visible"] as const;
  get name(): string {
    return this._get("name");
  }
  get formula(): string {
    return this._get("formula");
  }
  get scope(): "Workbook" | "Worksheet" {
    return this._get("scope");
  }
  get visible(): boolean {
    return this._get("visible");
  }
  protected override _read(n: NameState, prop: string): unknown {
    switch (prop) {
      case "name":
        return n.name;
      case "formula":
        return n.formula;
      case "scope":
        return n.sheet ? "Worksheet" : "Workbook";
      case "visible":
        return n.visible;
      default:
        return undefined;
    }
  }
}

export class WorksheetFreezePanes extends ClientObject {
  protected readonly _className = "WorksheetFreezePanes";
  protected readonly _scalars = [] as const;
  protected override _read(): unknown {
    return undefined;
  }
  freezeRows(count = 1): void {
    this._write("freezeRows", count, (s: SheetState) => {
      s.freezeRows = count;
      s.freezeColumns = 0;
    });
  }
  freezeColumns(count = 1): void {
    this._write("freezeColumns", count, (s: SheetState) => {
      s.freezeColumns = count;
      s.freezeRows = 0;
    });
  }
  unfreeze(): void {
    this._write("unfreeze", null, (s: SheetState) => {
      s.freezeRows = 0;
      s.freezeColumns = 0;
    });
  }
}

// -------------------------------------------------------------------------------------------
// Ranges
// -------------------------------------------------------------------------------------------

export class Range extends ClientObject {
  protected readonly _className = "Range";
  protected readonly _scalars = ["address", "values", "text", "formulas", "numberFormat", "rowCount", "columnCount", "rowIndex", "columnIndex", "cellCount"] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }

  get address(): string {
    return this._get("address");
  }
  get values(): unknown[][] {
    return this._get("values");
  }
  set values(v: unknown[][]) {
    this._write("values", v, (e: RangeEntity) => this.state().writeInputs(e.sheet, e.rect, v, "values"));
  }
  /** What Excel shows for each cell: its value under its number format (see numberFormat.ts). Read-only. */
  get text(): string[][] {
    return this._get("text");
  }
  get formulas(): unknown[][] {
    return this._get("formulas");
  }
  set formulas(v: unknown[][]) {
    this._write("formulas", v, (e: RangeEntity) => this.state().writeInputs(e.sheet, e.rect, v, "formulas"));
  }
  get numberFormat(): unknown[][] {
    return this._get("numberFormat");
  }
  set numberFormat(v: unknown[][]) {
    this._write("numberFormat", v, (e: RangeEntity) => this.state().writeNumberFormats(e.sheet, e.rect, v));
  }
  get rowCount(): number {
    return this._get("rowCount");
  }
  get columnCount(): number {
    return this._get("columnCount");
  }
  get rowIndex(): number {
    return this._get("rowIndex");
  }
  get columnIndex(): number {
    return this._get("columnIndex");
  }
  get cellCount(): number {
    return this._get("cellCount");
  }
  get conditionalFormats(): ConditionalFormatCollection {
    return this._child("conditionalFormats", (r) => new ConditionalFormatCollection(this._ctx, r));
  }
  get format(): RangeFormat {
    return this._child("format", (r) => new RangeFormat(this._ctx, r));
  }
  get worksheet(): Worksheet {
    return this._child("worksheet", (r) => new Worksheet(this._ctx, r));
  }
  protected override _childEntity(key: string, parent: Entity): Entity {
    return key === "worksheet" ? (parent as RangeEntity).sheet : parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "format") return this.format;
    if (prop === "worksheet") return this.worksheet;
    return undefined;
  }
  protected override _read(e: RangeEntity, prop: string): unknown {
    const { rect } = e;
    switch (prop) {
      case "address":
        return this.state().addressOf(e.sheet, rect);
      case "values":
        return this.state().valuesOf(e.sheet, rect);
      case "text":
        return this.state().textsOf(e.sheet, rect);
      case "formulas":
        return this.state().formulasOf(e.sheet, rect);
      case "numberFormat":
        return this.state().numberFormatsOf(e.sheet, rect);
      case "rowCount":
        return rect.r2 - rect.r1 + 1;
      case "columnCount":
        return rect.c2 - rect.c1 + 1;
      case "rowIndex":
        return rect.r1 - 1;
      case "columnIndex":
        return rect.c1 - 1;
      case "cellCount":
        return (rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1);
      default:
        return undefined;
    }
  }

  private sub(name: string, args: unknown[], make: (e: RangeEntity) => Rect): Range {
    return this._method(name, args, Range, (e: RangeEntity) => {
      const rect = make(e);
      if (rect.r1 < 1 || rect.c1 < 1 || rect.r2 > MAX_ROWS || rect.c2 > MAX_COLUMNS || rect.r1 > rect.r2 || rect.c1 > rect.c2) {
        fail(FakeErrorCodes.invalidArgument, `The range ${name}(${args.join(", ")}) is outside the sheet.`);
      }
      return { sheet: e.sheet, rect };
    });
  }
  getCell(row: number, column: number): Range {
    return this.sub("getCell", [row, column], ({ rect }) => ({ r1: rect.r1 + row, c1: rect.c1 + column, r2: rect.r1 + row, c2: rect.c1 + column }));
  }
  getRow(row: number): Range {
    return this.sub("getRow", [row], ({ rect }) => ({ ...rect, r1: rect.r1 + row, r2: rect.r1 + row }));
  }
  getColumn(column: number): Range {
    return this.sub("getColumn", [column], ({ rect }) => ({ ...rect, c1: rect.c1 + column, c2: rect.c1 + column }));
  }
  getResizedRange(deltaRows: number, deltaColumns: number): Range {
    return this.sub("getResizedRange", [deltaRows, deltaColumns], ({ rect }) => ({ ...rect, r2: rect.r2 + deltaRows, c2: rect.c2 + deltaColumns }));
  }
  getOffsetRange(rowOffset: number, columnOffset: number): Range {
    return this.sub("getOffsetRange", [rowOffset, columnOffset], ({ rect }) => ({
      r1: rect.r1 + rowOffset,
      r2: rect.r2 + rowOffset,
      c1: rect.c1 + columnOffset,
      c2: rect.c2 + columnOffset,
    }));
  }
  getEntireColumn(): Range {
    return this.sub("getEntireColumn", [], ({ rect }) => ({ ...rect, r1: 1, r2: MAX_ROWS }));
  }
  getEntireRow(): Range {
    return this.sub("getEntireRow", [], ({ rect }) => ({ ...rect, c1: 1, c2: MAX_COLUMNS }));
  }
  clear(applyTo: "All" | "Contents" | "Formats" = "All"): void {
    this._write("clear", applyTo, (e: RangeEntity) => e.sheet.clear(e.rect, applyTo));
  }
  /**
   * Copies the source's cells to this range's top-left, at the source's size (ExcelApi 1.9).
   * "Formulas" copies what was typed (formula or constant), "Values" what the cells show,
   * "Formats" number formats and fonts, "All" both. Formula text is copied as is, not
   * re-pointed as Excel would for relative references: exact for a copy to the same address.
   */
  copyFrom(sourceRange: Range | string, copyType: "All" | "Formulas" | "Values" | "Formats" = "All", skipBlanks = false, transpose = false): void {
    const desc = typeof sourceRange === "string" ? sourceRange : `range#${sourceRange._id}`;
    this._ctx._queue({
      desc: { id: this._id, op: "Range.copyFrom", value: [desc, copyType, skipBlanks, transpose] },
      run: () => {
        const target = this._target<RangeEntity>();
        if (!["All", "Formulas", "Values", "Formats"].includes(copyType)) fail(FakeErrorCodes.invalidArgument, `Invalid copy type ${JSON.stringify(copyType)}.`);
        if (transpose) fail(FakeErrorCodes.invalidArgument, "The fake host does not transpose in copyFrom.");
        const st = this.state();
        let source: RangeEntity;
        if (typeof sourceRange === "string") {
          const bang = sourceRange.lastIndexOf("!");
          const sheet = bang >= 0 ? st.sheetOrFail(sourceRange.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'")) : target.sheet;
          source = { sheet, rect: st.rectOn(sheet, sourceRange) };
        } else {
          source = sourceRange._resolve() as RangeEntity;
        }
        const { rect } = source;
        if ((rect.r2 - rect.r1 + 1) * (rect.c2 - rect.c1 + 1) > 5_000_000) fail(FakeErrorCodes.invalidArgument, "The fake host does not copy whole columns or rows.");
        // Read everything first: source and target may overlap.
        const cells: { r: number; c: number; from: import("./state").CellState | undefined; shown: unknown }[] = [];
        for (let r = rect.r1; r <= rect.r2; r++) for (let c = rect.c1; c <= rect.c2; c++) cells.push({ r, c, from: source.sheet.get(r, c), shown: st.valueOf(source.sheet, r, c) });
        for (const { r, c, from, shown } of cells) {
          const blank = !from || (from.formula === undefined && from.value === "");
          if (skipBlanks && blank) continue;
          const cell = target.sheet.cell(target.rect.r1 + r - rect.r1, target.rect.c1 + c - rect.c1);
          if (copyType !== "Formats") {
            cell.value = copyType === "Values" ? (shown as typeof cell.value) : (from?.value ?? "");
            if (copyType !== "Values" && from?.formula !== undefined) cell.formula = from.formula;
            else delete cell.formula;
            if (from?.prefixed) cell.prefixed = true;
            else delete cell.prefixed;
          }
          if (copyType === "Formats" || copyType === "All") {
            for (const key of ["numberFormat", "bold", "italic", "fontSize", "fontColor", "fontName", "fillColor", "horizontalAlignment", "wrapText"] as const) {
              if (from?.[key] === undefined) delete cell[key];
              else (cell as unknown as Record<string, unknown>)[key] = from[key];
            }
          }
        }
      },
    });
  }
  select(): void {
    this._write("select", null, (e: RangeEntity) => {
      if (e.sheet.visibility !== "Visible") fail(FakeErrorCodes.invalidOperation, "A range on a hidden sheet cannot be selected.");
      const st = this.state();
      st.activeSheet = e.sheet;
      st.selection = { sheet: e.sheet, rect: { ...e.rect } };
    });
  }
}

export class RangeFormat extends ClientObject {
  protected readonly _className = "RangeFormat";
  protected readonly _scalars = ["columnWidth", "horizontalAlignment", "wrapText"] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }
  get columnWidth(): number {
    return this._get("columnWidth");
  }
  set columnWidth(points: number) {
    this._write("columnWidth", points, (e: RangeEntity) => {
      if (!(points >= 0)) fail(FakeErrorCodes.invalidArgument, "Column width must be a number of points.");
      for (let c = e.rect.c1; c <= e.rect.c2; c++) e.sheet.columnWidths.set(c, points);
    });
  }
  get horizontalAlignment(): string {
    return this._get("horizontalAlignment");
  }
  set horizontalAlignment(value: string) {
    this._write("horizontalAlignment", value, (e: RangeEntity) => this.state().formatCells(e.sheet, e.rect, (c) => (c.horizontalAlignment = value)));
  }
  get wrapText(): boolean {
    return this._get("wrapText");
  }
  set wrapText(value: boolean) {
    this._write("wrapText", value, (e: RangeEntity) => this.state().formatCells(e.sheet, e.rect, (c) => (c.wrapText = value)));
  }
  get font(): RangeFont {
    return this._child("font", (r) => new RangeFont(this._ctx, r));
  }
  get fill(): RangeFill {
    return this._child("fill", (r) => new RangeFill(this._ctx, r));
  }
  protected override _childEntity(_: string, parent: Entity): Entity {
    return parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "font") return this.font;
    if (prop === "fill") return this.fill;
    return undefined;
  }
  protected override _read(e: RangeEntity, prop: string): unknown {
    if (prop === "columnWidth") return uniform(range(e.rect.c1, e.rect.c2).map((c) => e.sheet.columnWidths.get(c) ?? 48));
    if (prop === "horizontalAlignment") return uniformCells(e, (c) => c?.horizontalAlignment ?? "General");
    if (prop === "wrapText") return uniformCells(e, (c) => c?.wrapText ?? false);
    return undefined;
  }
  autofitColumns(): void {
    this._write("autofitColumns", null, () => undefined);
  }
}

export class RangeFont extends ClientObject {
  protected readonly _className = "RangeFont";
  protected readonly _scalars = ["bold", "italic", "size", "color", "name"] as const;
  private set(prop: string, value: unknown, apply: (c: import("./state").CellState) => void): void {
    this._write(prop, value, (e: RangeEntity) => this._ctx._host.state.formatCells(e.sheet, e.rect, apply));
  }
  get bold(): boolean {
    return this._get("bold");
  }
  set bold(v: boolean) {
    this.set("bold", v, (c) => (c.bold = v));
  }
  get italic(): boolean {
    return this._get("italic");
  }
  set italic(v: boolean) {
    this.set("italic", v, (c) => (c.italic = v));
  }
  get size(): number {
    return this._get("size");
  }
  set size(v: number) {
    this.set("size", v, (c) => (c.fontSize = v));
  }
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this.set("color", v, (c) => (c.fontColor = v));
  }
  get name(): string {
    return this._get("name");
  }
  set name(v: string) {
    this.set("name", v, (c) => (c.fontName = v));
  }
  protected override _read(e: RangeEntity, prop: string): unknown {
    switch (prop) {
      case "bold":
        return uniformCells(e, (c) => c?.bold ?? false);
      case "italic":
        return uniformCells(e, (c) => c?.italic ?? false);
      case "size":
        return uniformCells(e, (c) => c?.fontSize ?? 11);
      case "color":
        return uniformCells(e, (c) => c?.fontColor ?? "#000000");
      case "name":
        return uniformCells(e, (c) => c?.fontName ?? "Calibri");
      default:
        return undefined;
    }
  }
}

export class RangeFill extends ClientObject {
  protected readonly _className = "RangeFill";
  protected readonly _scalars = ["color"] as const;
  get color(): string {
    return this._get("color");
  }
  set color(v: string) {
    this._write("color", v, (e: RangeEntity) => this._ctx._host.state.formatCells(e.sheet, e.rect, (c) => (c.fillColor = v)));
  }
  clear(): void {
    this._write("clear", null, (e: RangeEntity) => this._ctx._host.state.formatCells(e.sheet, e.rect, (c) => delete c.fillColor));
  }
  protected override _read(e: RangeEntity, prop: string): unknown {
    return prop === "color" ? uniformCells(e, (c) => c?.fillColor ?? "#FFFFFF") : undefined;
  }
}

function range(a: number, b: number): number[] {
  const out: number[] = [];
  for (let i = a; i <= b && out.length < 100000; i++) out.push(i);
  return out;
}

/** Excel returns null for a format property that differs between the range's cells. */
function uniform<T>(values: T[]): T | null {
  return values.every((v) => v === values[0]) ? values[0] : null;
}

function uniformCells<T>(e: RangeEntity, pick: (c: import("./state").CellState | undefined) => T): T | null {
  const values: T[] = [];
  for (let r = e.rect.r1; r <= Math.min(e.rect.r2, e.rect.r1 + 10000); r++) {
    for (let c = e.rect.c1; c <= Math.min(e.rect.c2, e.rect.c1 + 1000); c++) values.push(pick(e.sheet.get(r, c)));
  }
  return uniform(values);
}

// -------------------------------------------------------------------------------------------
// Tables
// -------------------------------------------------------------------------------------------

export class TableCollection extends Collection<Table> {
  protected readonly _className = "TableCollection";
  protected readonly _scalars = [] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }
  get count(): number {
    return this._get("count");
  }
  protected _list(scope: { sheet: SheetState | null }): Entity[] {
    return this.state().tables.filter((t) => scope.sheet === null || t.sheet === scope.sheet);
  }
  protected _item(entity: Entity): Table {
    return new Table(this._ctx, () => entity, { entity });
  }
  add(address: string | Range, hasHeaders: boolean): Table {
    const text = typeof address === "string" ? address : null;
    return this._method("add", [text ?? `range#${(address as Range)._id}`, hasHeaders], Table, (scope: { sheet: SheetState | null }) => {
      const st = this.state();
      let sheet: SheetState;
      let rect: Rect;
      if (typeof address !== "string") {
        const e = address._resolve() as RangeEntity;
        sheet = e.sheet;
        rect = e.rect;
      } else {
        const bang = address.lastIndexOf("!");
        const named = bang >= 0 ? address.slice(0, bang).replace(/^'|'$/g, "").replace(/''/g, "'") : null;
        sheet = named !== null ? st.sheetOrFail(named) : (scope.sheet ?? st.activeSheet ?? fail(FakeErrorCodes.invalidArgument, "No sheet for the table."));
        if (scope.sheet && sheet !== scope.sheet) fail(FakeErrorCodes.invalidArgument, "The address is on another sheet.");
        rect = st.rectOn(sheet, address);
      }
      return st.addTable(sheet, rect, hasHeaders);
    });
  }
  getItem(key: string): Table {
    return this._method("getItem", [key], Table, (scope: { sheet: SheetState | null }) => this.byKey(scope, key));
  }
  getItemOrNullObject(key: string): Table {
    return this._method("getItemOrNullObject", [key], Table, (scope: { sheet: SheetState | null }) => this.byKey(scope, key), true);
  }
  getItemAt(index: number): Table {
    return this._method("getItemAt", [index], Table, (scope: { sheet: SheetState | null }) => this._list(scope)[index] ?? fail(FakeErrorCodes.itemNotFound, `No table at index ${index}.`));
  }
  private byKey(scope: { sheet: SheetState | null }, key: string): TableState {
    const found = (this._list(scope) as TableState[]).find((t) => t.id === key || t.name.toLowerCase() === key.toLowerCase());
    return found ?? fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist: table "${key}".`);
  }
}

export class Table extends ClientObject {
  protected readonly _className = "Table";
  protected readonly _scalars = ["name", "id", "showHeaders", "showTotals", "style"] as const;
  private state(): WorkbookState {
    return this._ctx._host.state;
  }
  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._write("name", value, (t: TableState) => {
      this.state().checkTableName(value, t);
      t.name = value;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get showHeaders(): boolean {
    return this._get("showHeaders");
  }
  get showTotals(): boolean {
    return this._get("showTotals");
  }
  set showTotals(value: boolean) {
    this._write("showTotals", value, (t: TableState) => this.state().setShowTotals(t, value));
  }
  get style(): string {
    return this._get("style");
  }
  set style(value: string) {
    this._write("style", value, (t: TableState) => {
      if (typeof value !== "string" || !/^TableStyle(Light|Medium|Dark)\d{1,2}$/.test(value)) fail(FakeErrorCodes.invalidArgument, `Unknown table style "${value}".`);
      t.style = value;
    });
  }
  get worksheet(): Worksheet {
    return this._child("worksheet", (r) => new Worksheet(this._ctx, r));
  }
  get columns(): TableColumnCollection {
    return this._child("columns", (r) => new TableColumnCollection(this._ctx, r));
  }
  get rows(): TableRowCollection {
    return this._child("rows", (r) => new TableRowCollection(this._ctx, r));
  }
  protected override _childEntity(key: string, parent: Entity): Entity {
    return key === "worksheet" ? (parent as TableState).sheet : parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "worksheet") return this.worksheet;
    if (prop === "columns") return this.columns;
    if (prop === "rows") return this.rows;
    return undefined;
  }
  protected override _read(t: TableState, prop: string): unknown {
    switch (prop) {
      case "name":
        return t.name;
      case "id":
        return t.id;
      case "showHeaders":
        return true;
      case "showTotals":
        return t.showTotals;
      case "style":
        return t.style;
      default:
        return undefined;
    }
  }
  private part(name: string, rect: (t: TableState) => Rect | null): Range {
    return this._method(name, [], Range, (t: TableState) => ({
      sheet: t.sheet,
      rect: rect(t) ?? fail(FakeErrorCodes.invalidOperation, `The table "${t.name}" has no totals row.`),
    }));
  }
  getRange(): Range {
    return this.part("getRange", tableRect);
  }
  getHeaderRowRange(): Range {
    return this.part("getHeaderRowRange", headerRect);
  }
  getDataBodyRange(): Range {
    return this.part("getDataBodyRange", bodyRect);
  }
  getTotalRowRange(): Range {
    return this.part("getTotalRowRange", totalsRect);
  }
  delete(): void {
    this._write("delete", null, (t: TableState) => this.state().deleteTable(t));
  }
}

interface ColumnEntity {
  table: TableState;
  index: number;
  deleted?: boolean;
}

export class TableColumnCollection extends Collection<TableColumn> {
  protected readonly _className = "TableColumnCollection";
  protected readonly _scalars = [] as const;
  get count(): number {
    return this._get("count");
  }
  protected _list(t: TableState): Entity[] {
    return Array.from({ length: t.columnCount }, (_, index) => ({ table: t, index }) satisfies ColumnEntity);
  }
  protected _item(entity: Entity): TableColumn {
    return new TableColumn(this._ctx, () => entity, { entity });
  }
  getItemAt(index: number): TableColumn {
    return this._method("getItemAt", [index], TableColumn, (t: TableState) => {
      if (index < 0 || index >= t.columnCount) fail(FakeErrorCodes.itemNotFound, `No column at index ${index}.`);
      return { table: t, index };
    });
  }
  getItem(key: string | number): TableColumn {
    return this._method("getItem", [key], TableColumn, (t: TableState) => this.byKey(t, key));
  }
  getItemOrNullObject(key: string | number): TableColumn {
    return this._method("getItemOrNullObject", [key], TableColumn, (t: TableState) => this.byKey(t, key), true);
  }
  private byKey(t: TableState, key: string | number): ColumnEntity {
    const headers = this._ctx._host.state.tableHeaders(t);
    const index = typeof key === "number" ? key - 1 : headers.findIndex((h) => h.toLowerCase() === String(key).toLowerCase());
    if (index < 0 || index >= t.columnCount) fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist: column "${key}".`);
    return { table: t, index };
  }
}

export class TableColumn extends ClientObject {
  protected readonly _className = "TableColumn";
  protected readonly _scalars = ["name", "index", "id"] as const;
  get name(): string {
    return this._get("name");
  }
  get index(): number {
    return this._get("index");
  }
  get id(): number {
    return this._get("id");
  }
  protected override _read(e: ColumnEntity, prop: string): unknown {
    if (prop === "name") return this._ctx._host.state.tableHeaders(e.table)[e.index];
    if (prop === "index") return e.index;
    if (prop === "id") return e.index + 1;
    return undefined;
  }
  private part(name: string, rect: (t: TableState) => Rect | null): Range {
    return this._method(name, [], Range, (e: ColumnEntity) => {
      const r = rect(e.table) ?? fail(FakeErrorCodes.invalidOperation, `The table "${e.table.name}" has no totals row.`);
      return { sheet: e.table.sheet, rect: { ...r, c1: r.c1 + e.index, c2: r.c1 + e.index } };
    });
  }
  getRange(): Range {
    return this.part("getRange", tableRect);
  }
  getHeaderRowRange(): Range {
    return this.part("getHeaderRowRange", headerRect);
  }
  getDataBodyRange(): Range {
    return this.part("getDataBodyRange", bodyRect);
  }
  getTotalRowRange(): Range {
    return this.part("getTotalRowRange", totalsRect);
  }
}

export class TableRowCollection extends ClientObject {
  protected readonly _className = "TableRowCollection";
  protected readonly _scalars = ["count"] as const;
  get count(): number {
    return this._get("count");
  }
  protected override _read(t: TableState, prop: string): unknown {
    return prop === "count" ? t.bodyRows : undefined;
  }
  /** Supported so tests can catch it: AR Desk must never call it in a loop (co-authoring). */
  add(index?: number | null, values?: unknown[][]): void {
    this._ctx._host.stats.tableRowAddCalls++;
    this._write("add", { index: index ?? null, values: values ?? null }, (t: TableState) => {
      const st = this._ctx._host.state;
      const n = values?.length ?? 1;
      if (t.showTotals) fail(FakeErrorCodes.invalidOperation, "The fake host adds table rows only to tables without a totals row.");
      const at = t.row + t.bodyRows + 1;
      const rect = { r1: at, c1: t.column, r2: at + n - 1, c2: t.column + t.columnCount - 1 };
      if (values) st.writeInputs(t.sheet, rect, values, "values");
      t.bodyRows += n;
    });
  }
}

// -------------------------------------------------------------------------------------------
// Conditional formats and charts (model and argument checks in visuals.ts)
// -------------------------------------------------------------------------------------------

let nextVisualId = 1;

interface ConditionalFormatEntity {
  sheet: SheetState;
  cf: ConditionalFormatState;
  readonly deleted: boolean;
}

const cfEntity = (sheet: SheetState, cf: ConditionalFormatState): ConditionalFormatEntity => ({
  sheet,
  cf,
  get deleted() {
    return cf.deleted;
  },
});

const intersects = (a: Rect, b: Rect) => a.r1 <= b.r2 && b.r1 <= a.r2 && a.c1 <= b.c2 && b.c1 <= a.c2;

/** `Range.conditionalFormats`: the formats that touch the range, highest priority first. */
export class ConditionalFormatCollection extends Collection<ConditionalFormat> {
  protected readonly _className = "ConditionalFormatCollection";
  protected readonly _scalars = [] as const;
  get count(): number {
    return this._get("count");
  }
  protected _list(e: RangeEntity): Entity[] {
    return e.sheet.conditionalFormats.filter((cf) => intersects(cf.rect, e.rect)).map((cf) => cfEntity(e.sheet, cf));
  }
  protected _item(entity: Entity): ConditionalFormat {
    return new ConditionalFormat(this._ctx, () => entity, { entity });
  }
  /** Like Excel, the new format goes to the top priority. */
  add(type: string): ConditionalFormat {
    return this._method("add", [type], ConditionalFormat, (e: RangeEntity) => {
      const cf = newConditionalFormat(`{CF-${nextVisualId++}}`, type, e.rect);
      e.sheet.conditionalFormats.unshift(cf);
      return cfEntity(e.sheet, cf);
    });
  }
  getItemAt(index: number): ConditionalFormat {
    return this._method("getItemAt", [index], ConditionalFormat, (e: RangeEntity) => (this._list(e)[index] as ConditionalFormatEntity | undefined) ?? fail(FakeErrorCodes.itemNotFound, `No conditional format at index ${index}.`));
  }
}

export class ConditionalFormat extends ClientObject {
  protected readonly _className = "ConditionalFormat";
  protected readonly _scalars = ["id", "type", "priority"] as const;
  get id(): string {
    return this._get("id");
  }
  get type(): string {
    return this._get("type");
  }
  get priority(): number {
    return this._get("priority");
  }
  get colorScale(): ColorScaleConditionalFormat {
    return this._child("colorScale", (r) => new ColorScaleConditionalFormat(this._ctx, r));
  }
  get cellValue(): CellValueConditionalFormat {
    return this._child("cellValue", (r) => new CellValueConditionalFormat(this._ctx, r));
  }
  protected override _childEntity(key: string, parent: Entity): Entity {
    const { cf } = parent as ConditionalFormatEntity;
    // Excel refuses the type-specific object of another type of format.
    if ((key === "colorScale" && cf.type !== "ColorScale") || (key === "cellValue" && cf.type !== "CellValue")) {
      fail(FakeErrorCodes.invalidOperation, `The conditional format is of type ${cf.type}, not ${key === "colorScale" ? "ColorScale" : "CellValue"}.`);
    }
    return parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "colorScale") return this.colorScale;
    if (prop === "cellValue") return this.cellValue;
    return undefined;
  }
  protected override _read(e: ConditionalFormatEntity, prop: string): unknown {
    if (prop === "id") return e.cf.id;
    if (prop === "type") return e.cf.type;
    if (prop === "priority") return e.sheet.conditionalFormats.indexOf(e.cf);
    return undefined;
  }
  getRange(): Range {
    return this._method("getRange", [], Range, (e: ConditionalFormatEntity) => ({ sheet: e.sheet, rect: { ...e.cf.rect } }));
  }
  delete(): void {
    this._write("delete", null, (e: ConditionalFormatEntity) => {
      e.cf.deleted = true;
      e.sheet.conditionalFormats.splice(e.sheet.conditionalFormats.indexOf(e.cf), 1);
    });
  }
}

export class ColorScaleConditionalFormat extends ClientObject {
  protected readonly _className = "ColorScaleConditionalFormat";
  protected readonly _scalars = ["criteria", "threeColorScale"] as const;
  get criteria(): ColorScaleCriteria {
    return this._get("criteria");
  }
  set criteria(value: ColorScaleCriteria) {
    this._write("criteria", value, (e: ConditionalFormatEntity) => setColorScaleCriteria(e.cf, value));
  }
  get threeColorScale(): boolean {
    return this._get("threeColorScale");
  }
  protected override _read(e: ConditionalFormatEntity, prop: string): unknown {
    const scale = e.cf.colorScale!;
    if (prop === "criteria") return JSON.parse(JSON.stringify(scale));
    if (prop === "threeColorScale") return Boolean(scale.midpoint);
    return undefined;
  }
}

export class CellValueConditionalFormat extends ClientObject {
  protected readonly _className = "CellValueConditionalFormat";
  protected readonly _scalars = ["rule"] as const;
  get rule(): CellValueRule {
    return this._get("rule");
  }
  set rule(value: CellValueRule) {
    this._write("rule", value, (e: ConditionalFormatEntity) => setCellValueRule(e.cf, value));
  }
  get format(): ConditionalRangeFormat {
    return this._child("format", (r) => new ConditionalRangeFormat(this._ctx, r));
  }
  protected override _childEntity(_: string, parent: Entity): Entity {
    return parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    return prop === "format" ? this.format : undefined;
  }
  protected override _read(e: ConditionalFormatEntity, prop: string): unknown {
    return prop === "rule" ? (e.cf.cellValue!.rule ? { ...e.cf.cellValue!.rule } : null) : undefined;
  }
}

export class ConditionalRangeFormat extends ClientObject {
  protected readonly _className = "ConditionalRangeFormat";
  protected readonly _scalars = [] as const;
  get fill(): ConditionalRangeFill {
    return this._child("fill", (r) => new ConditionalRangeFill(this._ctx, r));
  }
  get font(): ConditionalRangeFont {
    return this._child("font", (r) => new ConditionalRangeFont(this._ctx, r));
  }
  protected override _childEntity(_: string, parent: Entity): Entity {
    return parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "fill") return this.fill;
    if (prop === "font") return this.font;
    return undefined;
  }
  protected override _read(): unknown {
    return undefined;
  }
}

export class ConditionalRangeFill extends ClientObject {
  protected readonly _className = "ConditionalRangeFill";
  protected readonly _scalars = ["color"] as const;
  get color(): string {
    return this._get("color");
  }
  set color(value: string) {
    this._write("color", value, (e: ConditionalFormatEntity) => (e.cf.cellValue!.fillColor = checkColor(value, "fill").toUpperCase()));
  }
  clear(): void {
    this._write("clear", null, (e: ConditionalFormatEntity) => (e.cf.cellValue!.fillColor = null));
  }
  protected override _read(e: ConditionalFormatEntity, prop: string): unknown {
    return prop === "color" ? e.cf.cellValue!.fillColor : undefined;
  }
}

export class ConditionalRangeFont extends ClientObject {
  protected readonly _className = "ConditionalRangeFont";
  protected readonly _scalars = ["color"] as const;
  get color(): string {
    return this._get("color");
  }
  set color(value: string) {
    this._write("color", value, (e: ConditionalFormatEntity) => (e.cf.cellValue!.fontColor = checkColor(value, "font").toUpperCase()));
  }
  protected override _read(e: ConditionalFormatEntity, prop: string): unknown {
    return prop === "color" ? e.cf.cellValue!.fontColor : undefined;
  }
}

interface ChartEntity {
  sheet: SheetState;
  chart: ChartState<SheetState>;
  readonly deleted: boolean;
}

const chartEntity = (sheet: SheetState, chart: ChartState<SheetState>): ChartEntity => ({
  sheet,
  chart,
  get deleted() {
    return chart.deleted;
  },
});

/** A range argument (a Range proxy, or an address on the chart's sheet) as a sheet and rectangle. */
function rangeArgument(ctx: RequestContext, sheet: SheetState, arg: Range | string): RangeEntity {
  if (typeof arg === "string") return { sheet, rect: ctx._host.state.rectOn(sheet, arg) };
  if (!(arg instanceof Range)) fail(FakeErrorCodes.invalidArgument, "The argument is invalid or missing: a Range was expected.");
  return arg._resolve() as RangeEntity;
}

const rangeDesc = (arg: Range | string | undefined) => (arg === undefined ? null : typeof arg === "string" ? arg : `range#${arg._id}`);

/** `Worksheet.charts`. */
export class ChartCollection extends Collection<Chart> {
  protected readonly _className = "ChartCollection";
  protected readonly _scalars = [] as const;
  get count(): number {
    return this._get("count");
  }
  protected _list(sheet: SheetState): Entity[] {
    return sheet.charts.map((c) => chartEntity(sheet, c));
  }
  protected _item(entity: Entity): Chart {
    return new Chart(this._ctx, () => entity, { entity });
  }
  add(type: string, sourceData: Range, seriesBy = "Auto"): Chart {
    return this._method("add", [type, rangeDesc(sourceData), seriesBy], Chart, (sheet: SheetState) => {
      const chartType = checkChartType(type);
      const source = rangeArgument(this._ctx, sheet, sourceData);
      const st = this._ctx._host.state;
      const series = seriesFromSource(source, seriesBy, (r, c) => st.valueOf(source.sheet, r, c));
      let n = sheet.charts.length + 1;
      while (sheet.charts.some((c) => c.name === `Chart ${n}`)) n++;
      const chart: ChartState<SheetState> = {
        id: `{CHART-${nextVisualId++}}`,
        name: `Chart ${n}`,
        type: chartType,
        series,
        title: "",
        legendPosition: "Right",
        categoryAxisReversed: false,
        position: null,
        deleted: false,
      };
      sheet.charts.push(chart);
      return chartEntity(sheet, chart);
    });
  }
  getItem(name: string): Chart {
    return this._method("getItem", [name], Chart, (sheet: SheetState) => {
      const chart = sheet.charts.find((c) => c.name.toLowerCase() === name.toLowerCase()) ?? fail(FakeErrorCodes.itemNotFound, `The requested resource doesn't exist: chart "${name}".`);
      return chartEntity(sheet, chart);
    });
  }
  getItemAt(index: number): Chart {
    return this._method("getItemAt", [index], Chart, (sheet: SheetState) => (this._list(sheet)[index] as ChartEntity | undefined) ?? fail(FakeErrorCodes.itemNotFound, `No chart at index ${index}.`));
  }
}

export class Chart extends ClientObject {
  protected readonly _className = "Chart";
  protected readonly _scalars = ["name", "id", "chartType"] as const;
  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._write("name", value, (e: ChartEntity) => {
      if (typeof value !== "string" || value.trim() === "") fail(FakeErrorCodes.invalidArgument, "A chart name cannot be blank.");
      e.chart.name = value;
    });
  }
  get id(): string {
    return this._get("id");
  }
  get chartType(): string {
    return this._get("chartType");
  }
  set chartType(value: string) {
    this._write("chartType", value, (e: ChartEntity) => (e.chart.type = checkChartType(value)));
  }
  get title(): ChartTitle {
    return this._child("title", (r) => new ChartTitle(this._ctx, r));
  }
  get series(): ChartSeriesCollection {
    return this._child("series", (r) => new ChartSeriesCollection(this._ctx, r));
  }
  get legend(): ChartLegend {
    return this._child("legend", (r) => new ChartLegend(this._ctx, r));
  }
  get axes(): ChartAxes {
    return this._child("axes", (r) => new ChartAxes(this._ctx, r));
  }
  protected override _childEntity(_: string, parent: Entity): Entity {
    return parent;
  }
  protected override _nav(prop: string): ClientObject | undefined {
    if (prop === "title") return this.title;
    if (prop === "series") return this.series;
    if (prop === "legend") return this.legend;
    return undefined;
  }
  protected override _read(e: ChartEntity, prop: string): unknown {
    if (prop === "name") return e.chart.name;
    if (prop === "id") return e.chart.id;
    if (prop === "chartType") return e.chart.type;
    return undefined;
  }
  /** Places the chart from the top-left of `startCell` to the bottom-right of `endCell`. */
  setPosition(startCell: Range | string, endCell?: Range | string): void {
    this._ctx._queue({
      desc: { id: this._id, op: "Chart.setPosition", value: [rangeDesc(startCell), rangeDesc(endCell)] },
      run: () => {
        const e = this._target<ChartEntity>();
        const start = rangeArgument(this._ctx, e.sheet, startCell);
        const end = endCell === undefined ? null : rangeArgument(this._ctx, e.sheet, endCell);
        if (start.sheet !== e.sheet || (end && end.sheet !== e.sheet)) fail(FakeErrorCodes.invalidArgument, "The chart's position must be on its own sheet.");
        if (end && (end.rect.r2 < start.rect.r1 || end.rect.c2 < start.rect.c1)) fail(FakeErrorCodes.invalidArgument, "The end cell of a chart's position is above or left of its start cell.");
        e.chart.position = { start: { ...start.rect }, end: end ? { ...end.rect } : null };
      },
    });
  }
  delete(): void {
    this._write("delete", null, (e: ChartEntity) => {
      e.chart.deleted = true;
      e.sheet.charts.splice(e.sheet.charts.indexOf(e.chart), 1);
    });
  }
}

export class ChartTitle extends ClientObject {
  protected readonly _className = "ChartTitle";
  protected readonly _scalars = ["text", "visible"] as const;
  get text(): string {
    return this._get("text");
  }
  set text(value: string) {
    this._write("text", value, (e: ChartEntity) => {
      if (typeof value !== "string") fail(FakeErrorCodes.invalidArgument, "A chart title must be text.");
      e.chart.title = value;
    });
  }
  get visible(): boolean {
    return this._get("visible");
  }
  protected override _read(e: ChartEntity, prop: string): unknown {
    if (prop === "text") return e.chart.title;
    if (prop === "visible") return e.chart.title !== "";
    return undefined;
  }
}

export class ChartLegend extends ClientObject {
  protected readonly _className = "ChartLegend";
  protected readonly _scalars = ["position"] as const;
  get position(): string {
    return this._get("position");
  }
  set position(value: string) {
    this._write("position", value, (e: ChartEntity) => {
      if (!LEGEND_POSITIONS.includes(value) || value === "Invalid") fail(FakeErrorCodes.invalidArgument, `Invalid legend position ${JSON.stringify(value)}.`);
      e.chart.legendPosition = value;
    });
  }
  protected override _read(e: ChartEntity, prop: string): unknown {
    return prop === "position" ? e.chart.legendPosition : undefined;
  }
}

export class ChartAxes extends ClientObject {
  protected readonly _className = "ChartAxes";
  protected readonly _scalars = [] as const;
  get categoryAxis(): ChartAxis {
    return this._child("categoryAxis", (r) => new ChartAxis(this._ctx, r));
  }
  protected override _childEntity(_: string, parent: Entity): Entity {
    return parent;
  }
  protected override _read(): unknown {
    return undefined;
  }
}

/** The category axis only: the one AR Desk turns around. */
export class ChartAxis extends ClientObject {
  protected readonly _className = "ChartAxis";
  protected readonly _scalars = ["reversePlotOrder"] as const;
  get reversePlotOrder(): boolean {
    return this._get("reversePlotOrder");
  }
  set reversePlotOrder(value: boolean) {
    this._write("reversePlotOrder", value, (e: ChartEntity) => {
      if (typeof value !== "boolean") fail(FakeErrorCodes.invalidArgument, "reversePlotOrder must be true or false.");
      e.chart.categoryAxisReversed = value;
    });
  }
  protected override _read(e: ChartEntity, prop: string): unknown {
    return prop === "reversePlotOrder" ? e.chart.categoryAxisReversed : undefined;
  }
}

interface SeriesEntity {
  chart: ChartEntity;
  series: SeriesState<SheetState>;
  readonly deleted: boolean;
}

const seriesEntity = (chart: ChartEntity, series: SeriesState<SheetState>): SeriesEntity => ({
  chart,
  series,
  get deleted() {
    return series.deleted || chart.deleted;
  },
});

export class ChartSeriesCollection extends Collection<ChartSeries> {
  protected readonly _className = "ChartSeriesCollection";
  protected readonly _scalars = [] as const;
  get count(): number {
    return this._get("count");
  }
  protected _list(e: ChartEntity): Entity[] {
    return e.chart.series.map((s) => seriesEntity(e, s));
  }
  protected _item(entity: Entity): ChartSeries {
    return new ChartSeries(this._ctx, () => entity, { entity });
  }
  add(name?: string, index?: number): ChartSeries {
    return this._method("add", [name ?? null, index ?? null], ChartSeries, (e: ChartEntity) => {
      const list = e.chart.series;
      if (index !== undefined && (!Number.isInteger(index) || index < 0 || index > list.length)) fail(FakeErrorCodes.invalidArgument, `Invalid series index ${index}.`);
      const series: SeriesState<SheetState> = { name: name ?? `Series${list.length + 1}`, values: null, categories: null, deleted: false };
      list.splice(index ?? list.length, 0, series);
      return seriesEntity(e, series);
    });
  }
  getItemAt(index: number): ChartSeries {
    return this._method("getItemAt", [index], ChartSeries, (e: ChartEntity) => (this._list(e)[index] as SeriesEntity | undefined) ?? fail(FakeErrorCodes.itemNotFound, `No series at index ${index}.`));
  }
}

export class ChartSeries extends ClientObject {
  protected readonly _className = "ChartSeries";
  protected readonly _scalars = ["name"] as const;
  get name(): string {
    return this._get("name");
  }
  set name(value: string) {
    this._write("name", value, (e: SeriesEntity) => {
      if (typeof value !== "string") fail(FakeErrorCodes.invalidArgument, "A series name must be text.");
      e.series.name = value;
    });
  }
  protected override _read(e: SeriesEntity, prop: string): unknown {
    return prop === "name" ? e.series.name : undefined;
  }
  private setRange(op: string, sourceData: Range, apply: (e: SeriesEntity, source: RangeEntity) => void): void {
    this._ctx._queue({
      desc: { id: this._id, op: `ChartSeries.${op}`, value: rangeDesc(sourceData) },
      run: () => {
        const e = this._target<SeriesEntity>();
        if (!(sourceData instanceof Range)) fail(FakeErrorCodes.invalidArgument, `ChartSeries.${op} needs a Range.`);
        apply(e, sourceData._resolve() as RangeEntity);
      },
    });
  }
  setValues(sourceData: Range): void {
    this.setRange("setValues", sourceData, (e, source) => {
      checkSeriesRange(source.rect, "values");
      e.series.values = { sheet: source.sheet, rect: { ...source.rect } };
    });
  }
  setXAxisValues(sourceData: Range): void {
    this.setRange("setXAxisValues", sourceData, (e, source) => {
      checkSeriesRange(source.rect, "categories");
      e.series.categories = { sheet: source.sheet, rect: { ...source.rect } };
    });
  }
  delete(): void {
    this._write("delete", null, (e: SeriesEntity) => {
      e.series.deleted = true;
      e.chart.chart.series.splice(e.chart.chart.series.indexOf(e.series), 1);
    });
  }
}

export { formatRect };
