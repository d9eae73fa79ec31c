/**
 * No SQL text built by string interpolation or concatenation.
 *
 * SQL is written with the sql`` tag of src/main/db/sql.ts, whose types admit only other
 * Sql (quoteIdent(), quoteLiteral(), fragments, serverSql(), userSql()) and integers, so
 * the compiler checks every piece. This rule finds the ways around the tag: an untagged
 * template, a `+` or `+=` chain, or an array literal's join() whose fixed text looks like
 * SQL and that mixes in a value not known to be safe. Safe values are string and number
 * literals, sql`` templates and calls of the quoting helpers (SAFE_CALLS), so generated
 * DDL such as `DROP INDEX ${quoteQualified(s, i)};` passes.
 *
 * "Looks like SQL": upper-case SQL words (two or more, or one right beside a value, as in
 * `FROM ${t}` or `${c} IS NULL`), a `::` cast, or a `$` placeholder before a value
 * (`= $${n}`). Messages are prose, not SQL: the text of an `new …Error(…)` or of a
 * `message:`/`reason:` property is not judged.
 */

// the statement and clause words pgdesk's SQL is written with, upper case as it writes them
const WORDS = (
  "SELECT INSERT UPDATE DELETE MERGE CREATE DROP ALTER TRUNCATE GRANT REVOKE COMMENT EXPLAIN " +
  "COPY VACUUM ANALYZE REINDEX CLUSTER REFRESH EXECUTE PREPARE DEALLOCATE DECLARE FETCH LISTEN " +
  "NOTIFY LOCK SET RESET SHOW BEGIN COMMIT ROLLBACK SAVEPOINT CALL FROM WHERE JOIN ORDER GROUP BY " +
  "HAVING LIMIT OFFSET VALUES RETURNING UNION INTO AND OR NOT NULL IS AS ON IN LIKE ILIKE USING " +
  "WITH CASE WHEN THEN ELSE END DISTINCT ASC DESC NULLS TABLE INDEX SCHEMA DATABASE VIEW SEQUENCE " +
  "TYPE DOMAIN FUNCTION PROCEDURE TRIGGER POLICY CONSTRAINT EXTENSION DEFAULT COLLATE CONCURRENTLY EXISTS"
)
  .split(" ")
  .join("|");
const ANY_WORD = new RegExp(`(?<![\\w$])(?:${WORDS})(?![\\w$])`, "g");
const WORD_AT_START = new RegExp(`^[\\s(),]*(?:${WORDS})(?![\\w$])`);
const WORD_AT_END = new RegExp(`(?<![\\w$])(?:${WORDS})[\\s(),]*$`);
/** `$${n}` after a space, bracket, comma or operator (or opening the text): a placeholder. */
const PLACEHOLDER_AT_END = /[\s(,=<>]\$$/;

/** The quoting helpers of src/main/db/sql.ts: what they return is safe SQL text. */
const SAFE_CALLS = new Set([
  "quoteIdent",
  "quoteLiteral",
  "quoteQualified",
  "joinSql",
  "serverSql",
  "userSql",
]);
/** Properties whose text is prose for a person, never run. */
const PROSE_PROPERTIES = new Set(["message", "reason"]);

const isSqlTag = (node) =>
  node.type === "TaggedTemplateExpression" && node.tag.type === "Identifier" && node.tag.name === "sql";

/** A value that is safe inside SQL text whatever it is at run time. */
function isSafeValue(node) {
  if (node.type === "Literal") return typeof node.value === "string" || typeof node.value === "number";
  if (node.type === "TemplateLiteral") return node.expressions.every(isSafeValue);
  if (isSqlTag(node)) return true; // its own interpolations are type-checked
  if (node.type === "CallExpression")
    return node.callee.type === "Identifier" && SAFE_CALLS.has(node.callee.name);
  if (node.type === "ConditionalExpression")
    return isSafeValue(node.consequent) && isSafeValue(node.alternate);
  if (node.type === "TSNonNullExpression" || node.type === "TSAsExpression")
    return isSafeValue(node.expression);
  return false;
}

/**
 * The expression as alternating fixed text and holes (values not known to be safe):
 * ["SELECT ", HOLE, " FROM t"]. A safe value counts as text.
 */
const HOLE = Symbol("hole");
function pieces(node) {
  if (node.type === "Literal" && typeof node.value === "string") return [node.value];
  if (isSqlTag(node)) return [node.quasi.quasis.map((q) => q.value.cooked ?? q.value.raw).join(" x ")];
  if (node.type === "TemplateLiteral") {
    return node.quasis.flatMap((q, i) => [
      q.value.cooked ?? q.value.raw,
      ...(i < node.expressions.length ? pieces(node.expressions[i]) : []),
    ]);
  }
  if (node.type === "BinaryExpression" && node.operator === "+")
    return [...pieces(node.left), ...pieces(node.right)];
  return isSafeValue(node) ? [" x "] : [HOLE];
}

/** Merges neighbouring text, so that exactly one hole separates two texts. */
function normalize(list) {
  const out = [];
  for (const p of list) {
    if (p !== HOLE && typeof out.at(-1) === "string") out[out.length - 1] += p;
    else out.push(p);
  }
  return out;
}

function looksLikeBuiltSql(list) {
  const parts = normalize(list);
  if (!parts.includes(HOLE)) return false;
  const texts = parts.filter((p) => p !== HOLE);
  if ((texts.join(" ").match(ANY_WORD) ?? []).length >= 2) return true;
  if (texts.some((t) => t.includes("::"))) return true;
  return parts.some((p, i) => {
    if (p === HOLE) return false;
    const holeAfter = parts[i + 1] === HOLE;
    const holeBefore = parts[i - 1] === HOLE;
    return (
      (holeAfter && (WORD_AT_END.test(p) || PLACEHOLDER_AT_END.test(p) || (i === 0 && p === "$"))) ||
      (holeBefore && WORD_AT_START.test(p))
    );
  });
}

/** Nodes that only pass a string on to their parent. */
const PASSES_ON = new Set([
  "ConditionalExpression",
  "LogicalExpression",
  "BinaryExpression",
  "TemplateLiteral",
  "TSNonNullExpression",
  "TSAsExpression",
]);

/** The text ends up in an error or in a message/reason property: prose. */
function isProse(node) {
  let at = node;
  while (at.parent && PASSES_ON.has(at.parent.type)) at = at.parent;
  const parent = at.parent;
  if (!parent) return false;
  if (parent.type === "NewExpression" && parent.arguments.includes(at))
    return parent.callee.type === "Identifier" && /Error$/.test(parent.callee.name);
  if (parent.type === "Property" && parent.value === at && !parent.computed)
    return PROSE_PROPERTIES.has(parent.key.name ?? parent.key.value);
  return false;
}

const MESSAGE =
  "SQL text built from pieces: write it with the sql`` tag (src/main/db/sql.ts); identifiers through quoteIdent(), values as $n parameters.";

export default {
  meta: {
    type: "problem",
    docs: { description: "forbid SQL text built by string interpolation or concatenation" },
    schema: [],
    messages: { built: MESSAGE },
  },
  create(context) {
    const check = (node, list) => {
      if (looksLikeBuiltSql(list) && !isProse(node)) context.report({ node, messageId: "built" });
    };
    const inPlusChain = (node) => node.parent?.type === "BinaryExpression" && node.parent.operator === "+";
    return {
      TemplateLiteral(node) {
        // a tag judges its own template (sql`` by its types); an outer template or chain judges this one
        if (node.parent?.type === "TaggedTemplateExpression" || node.parent?.type === "TemplateLiteral")
          return;
        if (!inPlusChain(node)) check(node, pieces(node));
      },
      BinaryExpression(node) {
        if (node.operator === "+" && !inPlusChain(node)) check(node, pieces(node));
      },
      AssignmentExpression(node) {
        if (node.operator === "+=") check(node, [HOLE, ...pieces(node.right)]);
      },
      "CallExpression[callee.type='MemberExpression'][callee.property.name='join']"(node) {
        const array = node.callee.object;
        if (array.type !== "ArrayExpression") return;
        const separator = node.arguments[0] ? pieces(node.arguments[0]) : [","];
        const list = array.elements.flatMap((e, i) => [
          ...(i > 0 ? separator : []),
          ...(e && e.type !== "SpreadElement" ? pieces(e) : [HOLE]),
        ]);
        check(node, list);
      },
    };
  },
};
