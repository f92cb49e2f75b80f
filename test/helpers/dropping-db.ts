// A database whose connection drops inside transactions while the fault lasts: a transaction's reads and writes of
// tables fail with PostgreSQL's "connection terminated" error, as when the server or the network drops the
// connection while a step waits for its row lock. Statements outside transactions, and a transaction's raw
// statements (its SET LOCAL), go through, so the failure lands where a step loads and locks its bulletin.
import type { Db } from "../../src/db/client.ts";

export type DroppingDb = {
  db: Db;
  /** how many statements failed so far */
  dropped: () => number;
  /** ends the fault: from now on every transaction runs as usual */
  heal: () => void;
};

const tableStatements = new Set<string | symbol>(["select", "selectDistinct", "selectDistinctOn", "insert", "update", "delete"]);

export class ConnectionDroppedError extends Error {
  readonly code = "57P01";
  constructor() {
    super("terminating connection due to administrator command (injected)");
  }
}

export const dropConnectionsInTransactions = (db: Db): DroppingDb => {
  let active = true;
  let dropped = 0;
  const dropping = <Tx extends object>(tx: Tx): Tx =>
    new Proxy(tx, {
      get: (target, property, receiver) => {
        if (active && tableStatements.has(property)) {
          return () => {
            dropped += 1;
            throw new ConnectionDroppedError();
          };
        }
        return Reflect.get(target, property, receiver);
      },
    });
  const transaction: Db["transaction"] = (run, config) => db.transaction((tx) => run(dropping(tx)), config);
  const wrapped = new Proxy(db, {
    get: (target, property, receiver) => (property === "transaction" ? transaction : Reflect.get(target, property, receiver)),
  });
  return {
    db: wrapped,
    dropped: () => dropped,
    heal: () => {
      active = false;
    },
  };
};
