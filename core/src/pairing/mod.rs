//! pairing — which product photos are the front and back of one product.
//!
//! (Skeleton: filled by the pairing issue.)
