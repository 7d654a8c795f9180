"""outsource-advisor: should a company run its social media in-house, with an agency, or both?"""

__version__ = "0.1.0"
