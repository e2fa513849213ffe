/**
 * The help-search engine on its own (`@frontdesk/server/search`): a BM25F index per site and locale, with the
 * analysers, calibration and verdicts the server uses. The answer bot and the search benchmark build on it.
 */
export type { AnalyzedQuery, QueryTerm, Token } from './analyzer';
export { analyze, analyzeQuery, isCjk, languageOf, stopWords } from './analyzer';
export type { Verdict } from './calibration';
export { CALIBRATION, calibrate, MIN_ANSWER_COVERAGE, THRESHOLDS, verdictOf } from './calibration';
export type { EngineOptions, IndexedDoc, RankedHit, SearchResult } from './engine';
export { SearchIndex } from './engine';
export type { Passage } from './passage';
