export { completeAt, emptyCatalog, type Completion, type Suggestion, type SuggestionKind } from "./complete";
export { CatalogIndex, type ScopeCatalog } from "./catalog-index";
export { quoteIdentIfNeeded } from "./keywords";
export { tokenize, type Token } from "./tokenizer";
