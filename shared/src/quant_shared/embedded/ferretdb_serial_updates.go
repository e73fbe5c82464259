// Quant Platform's patch to FerretDB v1.24.2, copied into internal/handler before the build
// (quant_shared/embedded/ferretdb_patch.py).
//
// Stock FerretDB reads the documents an update matches, applies the operators and writes each whole
// document back, without holding anything between the read and the write. Two updates of one
// document at once can therefore lose one of them (10 concurrent $push and a $pull lost 90 of 200
// values; two find-and-modify calls could both "win" the same document). The patch makes update,
// findAndModify and delete of one collection run one at a time, which gives them MongoDB's
// single-document atomicity. Inserts and reads are not affected.

package handler

import "sync"

// collectionLocks holds one mutex per "database.collection".
var collectionLocks sync.Map

// lockCollection locks the collection's writes and returns the unlock function.
func lockCollection(db, collection string) func() {
	value, _ := collectionLocks.LoadOrStore(db+"."+collection, new(sync.Mutex))
	mu := value.(*sync.Mutex)
	mu.Lock()

	return mu.Unlock
}
