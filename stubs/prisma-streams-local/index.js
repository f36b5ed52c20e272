throw new Error("@prisma/streams-local is not installed in Sanctions Watch (it serves `prisma dev` only): see docs/decisions/008-clean-install-on-node-20.md");
