"""Basishulp Jeugd: client flows, money and steering for HLV."""
