"""The project's Scrapy commands (``COMMANDS_MODULE``): ``crawl`` also runs a bundle of sites."""
