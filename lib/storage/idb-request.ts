// Raw IndexedDB requests inside a Dexie transaction (the DBCore transaction is the IDBTransaction), for the storage
// middlewares that keep their own stores in step with a write. Dexie promises throughout: awaiting a native one
// inside a transaction leaves Dexie's zone.
import Dexie from 'dexie';

/** One request as a Dexie promise. */
export function request<T>(req: IDBRequest): Promise<T> {
  return new Dexie.Promise<T>((resolve, reject) => {
    req.onsuccess = () => resolve(req.result as T);
    req.onerror = () => reject(req.error ?? new Error('IndexedDB request failed'));
  });
}

/** A store of the raw transaction under `trans`. */
export function storeOf(trans: unknown, name: string): IDBObjectStore {
  return (trans as IDBTransaction).objectStore(name);
}

/** One request on `store` of a raw transaction, as a Dexie promise. */
export function storeRequest<T>(trans: unknown, store: string, make: (store: IDBObjectStore) => IDBRequest): Promise<T> {
  return request<T>(make(storeOf(trans, store)));
}
