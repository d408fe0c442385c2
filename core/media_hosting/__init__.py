"""Where Instagram downloads approved images from, when it is not the bot's own server.

`sigv4` signs requests the way S3 checks them, `s3` talks to one bucket, `s3_host` turns a
bucket into an ImageHost that uploads before it hands out presigned URLs.
"""
