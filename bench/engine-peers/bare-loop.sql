-- The bare claim-and-complete loop of bench/engine-peers.sh (pgbench, one execution per batch): a batch of 200
-- claimed with FOR UPDATE SKIP LOCKED and committed, then marked done and committed, as a queue's worker does, with
-- nothing else: no history, no outbox, no lease columns, two small partial indexes. The table is made and filled by
-- the driver (bench/EngineBenchmark/BareLoop.cs).
UPDATE bare_jobs SET status = 'running', claimed_by = :client_id, claimed_at = now()
WHERE id IN (SELECT id FROM bare_jobs WHERE status = 'pending' ORDER BY id LIMIT 200 FOR UPDATE SKIP LOCKED);
UPDATE bare_jobs SET status = 'done', done_at = now() WHERE status = 'running' AND claimed_by = :client_id;
