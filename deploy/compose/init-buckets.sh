#!/bin/sh
# Run once by the `buckets` service (minio/mc image): creates VidStream's two private buckets and its
# own access key with read-write rights, so the platform never holds MinIO's root password.
# It runs at every `up`, so each step accepts what an earlier run made.
set -eu

mc alias set vidstream http://minio:9000 "$MINIO_ROOT_USER" "$MINIO_ROOT_PASSWORD"
mc mb --ignore-existing "vidstream/$S3_BUCKET_RAW" "vidstream/$S3_BUCKET_PROCESSED"
mc admin user add vidstream "$S3_ACCESS_KEY_ID" "$S3_SECRET_ACCESS_KEY"
case $(mc admin user info vidstream "$S3_ACCESS_KEY_ID") in
  *readwrite*) ;; # attached on an earlier run; mc would refuse to attach it twice
  *) mc admin policy attach vidstream readwrite --user "$S3_ACCESS_KEY_ID" ;;
esac
