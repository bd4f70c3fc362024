"""S3 behind one door: the only package that imports boto3 or botocore (a test enforces it)."""
