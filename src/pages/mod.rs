//! One module per page of the app.

pub mod not_found;
pub mod ontvangst;
pub mod privacy;
pub mod reflectie;
pub mod start;
pub mod verzamelen;
