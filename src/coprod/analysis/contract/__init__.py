"""What treaties, incentives and funds require the co-production contract itself to contain."""
