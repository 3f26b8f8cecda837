"""DOM specifics of each CMS family. Each module offers ``parse_detail`` and ``parse_list``."""
