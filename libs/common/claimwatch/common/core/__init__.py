"""claimwatch."""
