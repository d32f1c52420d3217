/** The filter language: one parser for the webview's filter box, its colouring rules and `kvs-inspect --filter`. */
export { compileFilter, type RecordPredicate } from './evaluate';
export { FilterError } from './filter-error';
export { derivedFigures } from '../getmedia/derived';
