# The two commands a newcomer needs (see README.md). Both set up a fresh machine first and are idempotent.
.PHONY: dev test setup
dev:            ## set up, then run the whole service (API + worker + web)
	bash scripts/dev.sh
test:           ## set up, then run the whole test suite
	bash scripts/test.sh
setup:          ## only install and start the dependencies
	bash scripts/setup.sh
