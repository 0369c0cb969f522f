export interface Visitor {
  id: string;
  siteId: string;
  name: string | null;
}

/** Anonymous visitors, known by the hash of the token their widget keeps. */
export interface VisitorStore {
  /**
   * The visitor of this site with this token hash, or null (a token of another site
   * finds nothing). Records `now` as the visitor's last visit.
   */
  byToken(siteId: string, tokenHash: string, now: number): Promise<Visitor | null>;
  /** Rejects if the id or the token hash is taken, or the site does not exist. */
  create(id: string, siteId: string, tokenHash: string, now: number): Promise<Visitor>;
  /** The name the visitor gave (leaving a message), shown to staff from now on. */
  setName(id: string, name: string): Promise<void>;
}
