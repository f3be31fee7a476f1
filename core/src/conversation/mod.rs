//! conversation — entities, reference resolution and compact context for a chat.
//!
//! (Skeleton: filled by the conversation issue.)
