"""Fetching: Scrapy glue that turns site profiles into polite crawls and hands bytes to parsers."""
