"""cert_xblock: a Grade Me / Get Certificate XBlock and its LMS-side integration for Open edX.

Import the block from ``cert_xblock.block.certificate_block`` and the public Python API from ``cert_xblock.api``;
this package root stays import-light so that Django settings modules can import it early.
"""
__version__ = "0.1.0"
