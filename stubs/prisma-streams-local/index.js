throw new Error("@prisma/streams-local is not installed in Sanctions Watch (it serves `prisma dev` only): see docs/decisions/007-no-prisma-dev.md");
