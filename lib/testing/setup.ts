// Per test file setup: filled in with the database bootstrap.
export {};
