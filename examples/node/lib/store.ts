// The app's template store: in production a database table with the partial unique index
// documented in verity's DedupIndex; here the in-memory index itself (one per process).
import { DedupIndex } from 'verity'

export const templates = new DedupIndex()
