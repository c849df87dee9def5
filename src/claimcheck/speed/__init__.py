"""Speed machinery beside the core: caches, columns, worker processes, collector control. Imported only by api and cli."""
