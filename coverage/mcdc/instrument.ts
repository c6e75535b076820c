/**
 * The MC/DC instrumenter: a TypeScript `before` transformer. It finds every decision of a source file
 * (the condition of `if`, `while`, `do`, `for` and `?:`, every maximal `&&`/`||` tree elsewhere, and
 * each `case` of a `switch`), numbers them, describes them (model.ts), and rewrites them so that each
 * evaluation reports its condition vector to the runtime recorder (runtime.ts).
 *
 * The rewrite keeps the program's meaning: every condition is evaluated exactly once, in the original
 * order and with the original short-circuiting; a condition whose value (not only its truth) can flow
 * out of the decision is passed through unchanged; switch case labels are untouched (so engines keep
 * their jump tables) and fallthrough entries are not counted as matches. Per evaluation the cost is a
 * few local-variable operations plus one recorder call.
 *
 * Rewrites (n = number of conditions, k = decision index, v = a function-local temporary):
 *   n = 1:  C                      -> __mcdc_f.c(k, (C))
 *   n >= 2: E with leaves C_i      -> __mcdc_f.r(k, E', v), where in E' leaf C_i becomes
 *           truth-only position:      ((C_i) ? (v |= T_i, true) : (v |= F_i, false))
 *           value position:           ((__mcdc_x = (C_i)) ? (v |= T_i, __mcdc_x) : (v |= F_i, __mcdc_x))
 *           (the leftmost leaf assigns `=` instead of `|=`: it is always evaluated first)
 *   switch: switch (d) {...}       -> switch ((s = 1, d)) { case L: if (s) { s = 0; __mcdc_f.s(k, j); } ... }
 *           plus `default: if (s) {...}` recording "no match" when the switch had no default.
 * Temporaries are `var`s declared at the top of the innermost enclosing function body (module top for
 * module code, class field initializers and parameter defaults), so recursion and nesting are safe.
 */

import ts from 'typescript';
import { createHash } from 'node:crypto';
import {
  MAX_CONDITIONS,
  COND_FALSE,
  COND_TRUE,
  type CondTree,
  type DecisionKind,
  type DecisionMeta,
  type FileMeta,
  type SourcePos,
  type SwitchClauseMeta,
} from './model.js';

export interface InstrumentOptions {
  /** Repository-relative key of a source file, or undefined to leave the file uninstrumented. */
  readonly fileKey: (fileName: string) => string | undefined;
  /** The module specifier an instrumented file imports the runtime recorder with. */
  readonly runtimeSpecifier: (fileName: string) => string;
  /** Receives the description of each instrumented file. */
  readonly onFile: (meta: FileMeta) => void;
}

const REC = '__mcdc_f';
const RT = '__mcdc_rt';
const X = '__mcdc_x';
const MAX_TEXT = 240;

export function mcdcTransformer(opts: InstrumentOptions): ts.TransformerFactory<ts.SourceFile> {
  return (context) => (sf) => {
    if (sf.isDeclarationFile) return sf;
    const key = opts.fileKey(sf.fileName);
    if (key === undefined) return sf;
    const fi = new FileInstrumenter(context, sf);
    const out = fi.run(key, opts.runtimeSpecifier(sf.fileName));
    opts.onFile({ file: key, hash: sourceHash(sf.text), decisions: fi.decisions });
    return out;
  };
}

export function sourceHash(text: string): string {
  return createHash('sha256').update(text).digest('hex');
}

function isLogical(e: ts.Node): e is ts.BinaryExpression {
  return (
    ts.isBinaryExpression(e) &&
    (e.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken || e.operatorToken.kind === ts.SyntaxKind.BarBarToken)
  );
}

function isNot(e: ts.Node): e is ts.PrefixUnaryExpression {
  return ts.isPrefixUnaryExpression(e) && e.operator === ts.SyntaxKind.ExclamationToken;
}

/** Wrappers a decision's structure looks through: parentheses and TypeScript-only expressions. */
function unwrapOnce(e: ts.Expression): ts.Expression | undefined {
  if (ts.isParenthesizedExpression(e) || ts.isAsExpression(e) || ts.isNonNullExpression(e) || ts.isSatisfiesExpression(e) || ts.isTypeAssertionExpression(e)) {
    return e.expression;
  }
  return undefined;
}

function stripWrappers(e: ts.Expression): ts.Expression {
  for (let u = unwrapOnce(e); u !== undefined; u = unwrapOnce(e)) e = u;
  return e;
}

/** True when `e` is the root of a `&&`/`||` tree (possibly under `!`). */
function isLogicalRoot(e: ts.Expression): boolean {
  let x = stripWrappers(e);
  while (isNot(x)) x = stripWrappers(x.operand);
  return isLogical(x);
}

interface Scope {
  readonly temps: Set<string>;
}

class FileInstrumenter {
  readonly decisions: DecisionMeta[] = [];
  private readonly f: ts.NodeFactory;
  private readonly scopes: Scope[] = [{ temps: new Set() }];

  constructor(
    private readonly context: ts.TransformationContext,
    private readonly sf: ts.SourceFile,
  ) {
    this.f = context.factory;
  }

  run(key: string, runtimeSpecifier: string): ts.SourceFile {
    const visited = ts.visitEachChild(this.sf, this.visit, this.context);
    const f = this.f;
    const prologue: ts.Statement[] = [
      f.createImportDeclaration(undefined, f.createImportClause(false, undefined, f.createNamespaceImport(f.createIdentifier(RT))), f.createStringLiteral(runtimeSpecifier)),
      f.createVariableStatement(
        undefined,
        f.createVariableDeclarationList(
          [
            f.createVariableDeclaration(
              REC,
              undefined,
              undefined,
              f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(RT), 'register'), undefined, [
                f.createStringLiteral(key),
                f.createStringLiteral(sourceHash(this.sf.text)),
                f.createNumericLiteral(this.decisions.length),
              ]),
            ),
          ],
          ts.NodeFlags.None,
        ),
      ),
    ];
    const temps = this.scopes[0]!.temps;
    if (temps.size > 0) prologue.push(this.varStatement(temps));
    return f.updateSourceFile(visited, [...prologue, ...visited.statements]);
  }

  private get scope(): Scope {
    return this.scopes[this.scopes.length - 1]!;
  }

  private pos(node: ts.Node, text?: string): SourcePos {
    const lc = this.sf.getLineAndCharacterOfPosition(node.getStart(this.sf));
    let t = text ?? node.getText(this.sf).replace(/\s+/g, ' ');
    if (t.length > MAX_TEXT) t = t.slice(0, MAX_TEXT - 3) + '...';
    return { text: t, line: lc.line + 1, column: lc.character + 1 };
  }

  private varStatement(names: Iterable<string>): ts.VariableStatement {
    const f = this.f;
    return f.createVariableStatement(undefined, f.createVariableDeclarationList([...names].map((n) => f.createVariableDeclaration(n))));
  }

  private readonly visit = (node: ts.Node): ts.Node => {
    const f = this.f;
    if (ts.isFunctionDeclaration(node) || ts.isFunctionExpression(node) || ts.isArrowFunction(node) || ts.isMethodDeclaration(node) || ts.isConstructorDeclaration(node) || ts.isGetAccessorDeclaration(node) || ts.isSetAccessorDeclaration(node)) {
      return this.visitFunction(node);
    }
    if (ts.isClassStaticBlockDeclaration(node)) {
      return f.updateClassStaticBlockDeclaration(node, this.visitBody(node.body) as ts.Block);
    }
    if (ts.isIfStatement(node)) {
      return f.updateIfStatement(node, this.decision(node.expression, 'if', true), this.stmt(node.thenStatement), node.elseStatement && this.stmt(node.elseStatement));
    }
    if (ts.isWhileStatement(node)) {
      return f.updateWhileStatement(node, this.decision(node.expression, 'while', true), this.stmt(node.statement));
    }
    if (ts.isDoStatement(node)) {
      const body = this.stmt(node.statement);
      return f.updateDoStatement(node, body, this.decision(node.expression, 'do', true));
    }
    if (ts.isForStatement(node)) {
      const init = node.initializer && (ts.visitNode(node.initializer, this.visit) as ts.ForInitializer);
      const cond = node.condition && this.decision(node.condition, 'for', true);
      const inc = node.incrementor && (ts.visitNode(node.incrementor, this.visit) as ts.Expression);
      return f.updateForStatement(node, init, cond, inc, this.stmt(node.statement));
    }
    if (ts.isConditionalExpression(node)) {
      const cond = this.decision(node.condition, 'ternary', true);
      return f.updateConditionalExpression(node, cond, node.questionToken, this.expr(node.whenTrue), node.colonToken, this.expr(node.whenFalse));
    }
    if (ts.isSwitchStatement(node)) return this.switchStatement(node);
    if ((isLogical(node) || isNot(node)) && isLogicalRoot(node)) return this.decision(node, 'logical', false);
    return ts.visitEachChild(node, this.visit, this.context);
  };

  private stmt(s: ts.Statement): ts.Statement {
    return ts.visitNode(s, this.visit) as ts.Statement;
  }

  private expr(e: ts.Expression): ts.Expression {
    return ts.visitNode(e, this.visit) as ts.Expression;
  }

  private visitFunction(node: ts.FunctionLikeDeclaration): ts.Node {
    const body = node.body;
    return ts.visitEachChild(node, (child) => (child === body ? this.visitBody(child as ts.ConciseBody) : this.visit(child)), this.context);
  }

  /** Visits a function body in a scope of its own and declares the temporaries it needs at its top. */
  private visitBody(body: ts.ConciseBody): ts.ConciseBody {
    const f = this.f;
    const scope: Scope = { temps: new Set() };
    this.scopes.push(scope);
    let out: ts.ConciseBody;
    try {
      out = ts.visitNode(body, this.visit) as ts.ConciseBody;
    } finally {
      this.scopes.pop();
    }
    if (scope.temps.size === 0) return out;
    const decl = this.varStatement(scope.temps);
    if (ts.isBlock(out)) {
      const stmts = [...out.statements];
      let at = 0;
      while (at < stmts.length && isDirective(stmts[at]!)) at++;
      stmts.splice(at, 0, decl);
      return f.updateBlock(out, stmts);
    }
    return f.createBlock([decl, f.createReturnStatement(out)], true);
  }

  /** Instruments one decision rooted at `e`; `truthOnly` when only the truth of its value is used. */
  private decision(e: ts.Expression, kind: DecisionKind, truthOnly: boolean): ts.Expression {
    const leaves: ts.Expression[] = [];
    const build = (x: ts.Expression): CondTree => {
      const u = unwrapOnce(x);
      if (u !== undefined) return build(u);
      if (isNot(x)) return { op: 'not', a: build(x.operand) };
      if (isLogical(x)) {
        const op = x.operatorToken.kind === ts.SyntaxKind.AmpersandAmpersandToken ? 'and' : 'or';
        return { op, l: build(x.left), r: build(x.right) };
      }
      leaves.push(x);
      return { op: 'leaf', i: leaves.length - 1 };
    };
    const tree = build(e);
    const k = this.decisions.length;
    const n = leaves.length;
    const conditions = leaves.map((l) => this.pos(l));
    const placeholder: DecisionMeta = { index: k, kind, ...this.pos(e), conditions };
    this.decisions.push(placeholder);
    const f = this.f;
    if (n > MAX_CONDITIONS) {
      this.decisions[k] = { ...placeholder, notInstrumented: `more than ${MAX_CONDITIONS} conditions` };
      return this.rewrite(e, true, (leaf) => this.expr(leaf));
    }
    this.decisions[k] = { ...placeholder, tree };
    if (n === 1) {
      return this.rewrite(e, truthOnly, (leaf) => this.call('c', [f.createNumericLiteral(k), f.createParenthesizedExpression(this.expr(leaf))]));
    }
    const v = `__mcdc_v${k}`;
    this.scope.temps.add(v);
    let i = 0;
    const body = this.rewrite(e, truthOnly, (leaf, truth) => {
      const idx = i++;
      const op = idx === 0 ? ts.SyntaxKind.EqualsToken : ts.SyntaxKind.BarEqualsToken;
      const set = (bits: number) => f.createBinaryExpression(f.createIdentifier(v), op, f.createNumericLiteral(bits * 4 ** idx));
      const inner = f.createParenthesizedExpression(this.expr(leaf));
      if (truth) {
        return f.createParenthesizedExpression(
          f.createConditionalExpression(inner, undefined, f.createComma(set(COND_TRUE), f.createTrue()), undefined, f.createComma(set(COND_FALSE), f.createFalse())),
        );
      }
      this.scope.temps.add(X);
      return f.createParenthesizedExpression(
        f.createConditionalExpression(
          f.createParenthesizedExpression(f.createAssignment(f.createIdentifier(X), inner)),
          undefined,
          f.createComma(set(COND_TRUE), f.createIdentifier(X)),
          undefined,
          f.createComma(set(COND_FALSE), f.createIdentifier(X)),
        ),
      );
    });
    return this.call('r', [f.createNumericLiteral(k), body, f.createIdentifier(v)]);
  }

  private call(method: string, args: ts.Expression[]): ts.Expression {
    const f = this.f;
    return f.createCallExpression(f.createPropertyAccessExpression(f.createIdentifier(REC), method), undefined, args);
  }

  /** Rebuilds a decision's structure (wrappers, `!`, `&&`, `||`) with each leaf replaced, left to right. */
  private rewrite(e: ts.Expression, truth: boolean, leaf: (x: ts.Expression, truth: boolean) => ts.Expression): ts.Expression {
    const f = this.f;
    if (ts.isParenthesizedExpression(e)) return f.updateParenthesizedExpression(e, this.rewrite(e.expression, truth, leaf));
    if (ts.isAsExpression(e)) return f.updateAsExpression(e, this.rewrite(e.expression, truth, leaf), e.type);
    if (ts.isNonNullExpression(e)) return f.updateNonNullExpression(e, this.rewrite(e.expression, truth, leaf));
    if (ts.isSatisfiesExpression(e)) return f.updateSatisfiesExpression(e, this.rewrite(e.expression, truth, leaf), e.type);
    if (ts.isTypeAssertionExpression(e)) return f.updateTypeAssertion(e, e.type, this.rewrite(e.expression, truth, leaf));
    if (isNot(e)) return f.updatePrefixUnaryExpression(e, this.rewrite(e.operand, true, leaf));
    if (isLogical(e)) {
      const l = this.rewrite(e.left, truth, leaf);
      const r = this.rewrite(e.right, truth, leaf);
      return f.updateBinaryExpression(e, l, e.operatorToken, r);
    }
    return leaf(e, truth);
  }

  private switchStatement(node: ts.SwitchStatement): ts.Statement {
    const f = this.f;
    const k = this.decisions.length;
    const clauses: SwitchClauseMeta[] = node.caseBlock.clauses.map((c) =>
      ts.isDefaultClause(c) ? { ...this.pos(c, 'default'), isDefault: true } : { ...this.pos(c, `case ${c.expression.getText(this.sf).replace(/\s+/g, ' ')}`), isDefault: false },
    );
    this.decisions.push({ index: k, kind: 'switch', ...this.pos(node.expression), conditions: [], clauses });
    const s = `__mcdc_s${k}`;
    this.scope.temps.add(s);
    const enter = (j: number): ts.Statement =>
      f.createIfStatement(
        f.createIdentifier(s),
        f.createBlock([f.createExpressionStatement(f.createAssignment(f.createIdentifier(s), f.createNumericLiteral(0))), f.createExpressionStatement(this.call('s', [f.createNumericLiteral(k), f.createNumericLiteral(j)]))]),
      );
    const disc = f.createParenthesizedExpression(f.createComma(f.createAssignment(f.createIdentifier(s), f.createNumericLiteral(1)), this.expr(node.expression)));
    const newClauses: ts.CaseOrDefaultClause[] = node.caseBlock.clauses.map((c, j) => {
      const stmts = [enter(j), ...c.statements.map((st) => this.stmt(st))];
      return ts.isDefaultClause(c) ? f.updateDefaultClause(c, stmts) : f.updateCaseClause(c, this.expr(c.expression), stmts);
    });
    if (!clauses.some((c) => c.isDefault)) newClauses.push(f.createDefaultClause([enter(clauses.length)]));
    return f.updateSwitchStatement(node, disc, f.updateCaseBlock(node.caseBlock, newClauses));
  }
}

function isDirective(s: ts.Statement): boolean {
  return ts.isExpressionStatement(s) && ts.isStringLiteral(s.expression);
}
