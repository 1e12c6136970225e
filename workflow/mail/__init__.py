"""E-mail: the messages waiting to go out and those that went, how one is built (a stable
Message-ID, plain text and HTML, an attachment), how it travels (SMTP, or `.eml` files when
no server is configured), and its delivery with retries (README, "Design notes")."""
