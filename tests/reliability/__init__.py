"""The reliability campaign: real processes, a real S3 server (moto) and a fault proxy; see run_campaign.py."""
