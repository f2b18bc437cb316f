import VentureSim
print("hi")
