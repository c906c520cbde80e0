//! kluis: a purpose-bound, encrypted customer vault for small businesses.
