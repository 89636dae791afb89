"""The link workers: claim durable jobs, run the CPU work in a child pool, post the brief."""
